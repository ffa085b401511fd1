package io.ficus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports on localhost, for servers that must come back on the port they had. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port free right now. */
    public static int one() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A free port whose successor is free too (an embedded Kafka broker's client and controller ports). */
    public static int twoConsecutive() {
        for (int i = 0; i < 100; i++) {
            int port = 20_000 + ThreadLocalRandom.current().nextInt(40_000);
            try (var a = new ServerSocket(port); var b = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no two consecutive free ports");
    }
}
