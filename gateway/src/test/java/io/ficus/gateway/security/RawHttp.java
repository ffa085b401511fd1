package io.ficus.gateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a request exactly as written, request line included (no client normalizes or encodes the path), on a new
 * connection from a chosen loopback address, and reads one answer.
 */
final class RawHttp {

    /**
     * An answer.
     *
     * @param status  the status code
     * @param headers the headers, names in lower case (the last value of a repeated header)
     * @param body    the body as text
     */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    /** A request from 127.0.0.1 without a body. */
    static Answer send(int port, String method, String target, String... headerLines) {
        return exchange("127.0.0.1", port, method, target, null, headerLines);
    }

    /** A request from the given loopback address (such as 127.0.0.2) without a body. */
    static Answer sendFrom(String from, int port, String method, String target, String... headerLines) {
        return exchange(from, port, method, target, null, headerLines);
    }

    /** A request with a JSON body (its {@code Content-Type} and {@code Content-Length} added). */
    static Answer sendJson(int port, String method, String target, String body, String... headerLines) {
        return exchange("127.0.0.1", port, method, target, body, headerLines);
    }

    private static Answer exchange(String from, int port, String method, String target, String body, String... headerLines) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost:").append(port).append("\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(socket.getInputStream(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new IllegalStateException("request " + method + " " + target + " failed", e);
        }
    }

    private static Answer read(InputStream in, boolean head) throws IOException {
        String[] lines = line(in, true).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head || status == 204 || status == 304) {
            return new Answer(status, headers, "");
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.write(in.readNBytes(size));
                in.readNBytes(2);
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            in.transferTo(body);
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static int chunkSize(InputStream in) throws IOException {
        return Integer.parseInt(line(in, false).split(";")[0].trim(), 16);
    }

    /** Reads up to the end of the head (an empty line) or of one line, without the terminator. */
    private static String line(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String end = head ? "\r\n\r\n" : "\r\n";
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + bytes.toString(StandardCharsets.ISO_8859_1));
            }
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith(end)) {
                return text.substring(0, text.length() - end.length());
            }
        }
    }
}
