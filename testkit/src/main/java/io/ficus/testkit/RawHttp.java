package io.ficus.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request per connection ({@code Connection: close}), so a test
 * can send what HTTP client libraries refuse to: a malformed query string or request target sent
 * byte for byte (as {@code curl --path-as-is}), a body in chunks without a length, a client
 * address of its choice on the loopback network (127.0.0.0/8 all reach the server on Linux).
 * For ordinary requests use {@link TestHttp}.
 */
public final class RawHttp {

    /**
     * One answer.
     *
     * @param status  the status code
     * @param headers the headers, names in lower case; the values of a repeated header joined with ", "
     * @param body    the body as text
     */
    public record Answer(int status, Map<String, String> headers, String body) {
        /** A header by name, ignoring case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final int port;
    private final String from;

    private RawHttp(int port, String from) {
        this.port = port;
        this.from = from;
    }

    /** A client of the server on {@code port} of 127.0.0.1, calling from 127.0.0.1. */
    public static RawHttp to(int port) {
        return new RawHttp(port, "127.0.0.1");
    }

    /** The same server, called from another loopback address (such as 127.0.0.2). */
    public RawHttp from(String address) {
        return new RawHttp(port, address);
    }

    /** The header line {@code Authorization: Basic ...} for these credentials. */
    public static String basic(String name, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The header line {@code Authorization: Basic ...} for a user given as {name, password}. */
    public static String basic(String[] user) {
        return basic(user[0], user[1]);
    }

    /**
     * A request without a body, with these header lines ({@code "Name: value"}); a request other than GET or HEAD
     * gets {@code Content-Length: 0} unless a line sets it.
     */
    public Answer send(String method, String target, String... headerLines) {
        return send(method, target, List.of(headerLines), null, false);
    }

    /** A request with a JSON body (its {@code Content-Type} and {@code Content-Length} added) and these header lines. */
    public Answer sendJson(String method, String target, String json, String... headerLines) {
        List<String> lines = new ArrayList<>(List.of(headerLines));
        lines.add("Content-Type: application/json");
        return send(method, target, lines, json.getBytes(StandardCharsets.UTF_8), false);
    }

    /**
     * Sends a request; {@code chunked} sends the body in 64 KB chunks without a Content-Length.
     * When the server answers before the whole body is sent, that answer is returned.
     */
    public static Answer send(int port, String method, String target, Map<String, String> headers, byte[] body, boolean chunked) {
        List<String> lines = new ArrayList<>();
        headers.forEach((k, v) -> lines.add(k + ": " + v));
        return to(port).send(method, target, lines, body, chunked);
    }

    /**
     * Sends a request with these header lines and body (null: none); {@code chunked} sends the body in 64 KB chunks
     * without a Content-Length. When the server answers before the whole body is sent, that answer is returned.
     */
    public Answer send(String method, String target, List<String> headerLines, byte[] body, boolean chunked) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        if (body != null) {
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")
                && headerLines.stream().noneMatch(line -> line.regionMatches(true, 0, "Content-Length:", 0, 15))) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null && !chunked) {
                    out.write(body);
                } else if (body != null) {
                    for (int i = 0; i < body.length; i += 65_536) {
                        int n = Math.min(65_536, body.length - i);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, i, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException stoppedReading) {
                // the server answered and closed before the whole body was sent: read that answer
            }
            return parse(readAll(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + target + " failed", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            if (out.size() == 0) {
                throw reset;
            }
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] raw, boolean head) throws IOException {
        String all = new String(raw, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("no complete response: " + all);
        }
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            if (size.isEmpty()) {
                return out.toByteArray();
            }
            int n = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.read();
            in.read();
        }
    }
}
