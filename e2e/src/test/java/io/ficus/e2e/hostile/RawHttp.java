package io.ficus.e2e.hostile;

import io.ficus.testkit.RawConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 over testkit's {@link RawConnection}: the request goes out exactly as given (smuggling,
 * broken framing, partial requests), from a writer thread, while every response that comes back on
 * the connection is read, together with how the connection ended.
 */
final class RawHttp {

    /** How the connection ended after the responses that were read. */
    enum Ending {
        /** the server closed it (EOF or reset) */
        CLOSED,
        /** still open, silent, when the reader stopped waiting */
        OPEN,
        /** not watched: the reader stopped after the first response */
        UNWATCHED
    }

    /** What one connection gave back. */
    record Exchange(List<RawConnection.Response> responses, Ending ending, long millis, String note) {
        String summary() {
            StringBuilder out = new StringBuilder();
            for (RawConnection.Response r : responses) {
                out.append('[').append(r.summary()).append("] ");
            }
            if (ending == Ending.UNWATCHED) {
                out.append("after ").append(millis).append(" ms");
            } else {
                out.append(responses.isEmpty() ? "no response, " : "then ").append("connection ")
                        .append(ending == Ending.CLOSED ? "closed" : "still open").append(" after ").append(millis).append(" ms");
            }
            if (note != null) {
                out.append(" (").append(note).append(')');
            }
            return out.toString();
        }
    }

    /**
     * What to send: the bytes, then optionally a trickle (the bytes of {@code trickle}, one every
     * {@code trickleEvery}) or a stream of {@code streamBytes} filler bytes (as chunks when
     * {@code streamChunked}), written while the responses are read.
     */
    record Send(byte[] bytes, byte[] trickle, Duration trickleEvery, long streamBytes, boolean streamChunked) {
        static Send of(byte[] bytes) {
            return new Send(bytes, null, null, 0, false);
        }
    }

    private RawHttp() {
    }

    /**
     * Sends the request and reads responses until the connection closes, until {@code within}
     * has passed without a complete first response, or, after the first response, until
     * {@code quiet} passes without another one ({@code quiet} zero: stop after the first).
     */
    static Exchange exchange(String host, int port, Send send, boolean head, Duration within, Duration quiet) throws IOException {
        long start = System.nanoTime();
        try (RawConnection connection = RawConnection.open(host, port, within)) {
            Thread writer = new Thread(() -> write(connection.output(), send), "hostile-writer");
            writer.setDaemon(true);
            writer.start();
            List<RawConnection.Response> responses = new ArrayList<>();
            long deadline = start + within.toNanos();
            try {
                while (true) {
                    if (!responses.isEmpty()) {
                        if (quiet.isZero()) {
                            return done(responses, Ending.UNWATCHED, start, null);
                        }
                        deadline = System.nanoTime() + quiet.toNanos();
                    }
                    RawConnection.Response response = connection.read(deadline, head);
                    if (response == null) {
                        return done(responses, Ending.CLOSED, start, null);
                    }
                    responses.add(response);
                }
            } catch (SocketTimeoutException e) {
                return done(responses, Ending.OPEN, start, connection.partial() ? "a partial response" : null);
            } catch (IOException e) {
                // reset, EOF inside a response, or bytes that are no HTTP response
                return done(responses, Ending.CLOSED, start, e.getMessage());
            } finally {
                writer.interrupt();
            }
        }
    }

    private static Exchange done(List<RawConnection.Response> responses, Ending ending, long start, String note) {
        return new Exchange(List.copyOf(responses), ending, (System.nanoTime() - start) / 1_000_000, note);
    }

    private static void write(OutputStream out, Send send) {
        try {
            out.write(send.bytes());
            out.flush();
            if (send.trickle() != null) {
                for (byte b : send.trickle()) {
                    Thread.sleep(send.trickleEvery().toMillis());
                    out.write(b);
                    out.flush();
                }
            }
            byte[] filler = new byte[64 * 1024];
            java.util.Arrays.fill(filler, (byte) 'a');
            long left = send.streamBytes();
            while (left > 0) {
                int n = (int) Math.min(filler.length, left);
                if (send.streamChunked()) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(filler, 0, n);
                if (send.streamChunked()) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                left -= n;
            }
            if (send.streamChunked() && send.streamBytes() > 0) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the server stopped reading or closed: that is for the reader to judge
        }
    }
}
