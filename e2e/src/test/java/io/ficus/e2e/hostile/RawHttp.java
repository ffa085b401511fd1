package io.ficus.e2e.hostile;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain {@link Socket}: the request goes out exactly as given (smuggling,
 * broken framing, partial requests), and every response that comes back on the connection is
 * read and framed here, together with how the connection ended.
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

    /** One response: status, header block (status line included) and body. */
    record Response(int status, String head, Map<String, String> headers, byte[] body) {
        String text() {
            return head + new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String summary() {
            String all = text().replace("\r", "\\r").replace("\n", "\\n");
            return all.length() > 400 ? all.substring(0, 400) + "..." : all;
        }
    }

    /** What one connection gave back. */
    record Exchange(List<Response> responses, Ending ending, long millis, String note) {
        String summary() {
            StringBuilder out = new StringBuilder();
            for (Response r : responses) {
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
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setTcpNoDelay(true);
            Thread writer = new Thread(() -> write(socket, send), "hostile-writer");
            writer.setDaemon(true);
            writer.start();
            var in = new Input(socket, socket.getInputStream());
            List<Response> responses = new ArrayList<>();
            long deadline = start + within.toNanos();
            try {
                while (true) {
                    if (!responses.isEmpty()) {
                        if (quiet.isZero()) {
                            return done(responses, Ending.UNWATCHED, start, null);
                        }
                        deadline = System.nanoTime() + quiet.toNanos();
                    }
                    Response response = in.response(deadline, head);
                    if (response == null) {
                        return done(responses, Ending.CLOSED, start, null);
                    }
                    responses.add(response);
                }
            } catch (SocketTimeoutException e) {
                return done(responses, Ending.OPEN, start, in.partial() ? "a partial response" : null);
            } catch (IOException e) {
                // reset, EOF inside a response, or bytes that are no HTTP response
                return done(responses, Ending.CLOSED, start, e.getMessage());
            } finally {
                writer.interrupt();
            }
        }
    }

    private static Exchange done(List<Response> responses, Ending ending, long start, String note) {
        return new Exchange(List.copyOf(responses), ending, (System.nanoTime() - start) / 1_000_000, note);
    }

    private static void write(Socket socket, Send send) {
        try {
            OutputStream out = socket.getOutputStream();
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

    /** A buffered reader of response framing with an overall deadline per call. */
    private static final class Input {
        private final Socket socket;
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private boolean partial;

        Input(Socket socket, InputStream in) {
            this.socket = socket;
            this.in = in;
        }

        boolean partial() {
            return partial;
        }

        /** The next final response, skipping 1xx; null on a clean EOF before any byte of it. */
        Response response(long deadline, boolean head) throws IOException {
            while (true) {
                partial = false;
                int first = read(deadline);
                if (first < 0) {
                    return null;
                }
                partial = true;
                String statusLine = (char) first + line(deadline);
                var headLines = new StringBuilder(statusLine).append("\r\n");
                Map<String, String> headers = new LinkedHashMap<>();
                for (String line = line(deadline); !line.isEmpty(); line = line(deadline)) {
                    headLines.append(line).append("\r\n");
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                                (a, b) -> a + ", " + b);
                    }
                }
                headLines.append("\r\n");
                String[] parts = statusLine.split(" ", 3);
                int status;
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (RuntimeException e) {
                    throw new IOException("not an HTTP response: " + statusLine);
                }
                if (status >= 100 && status < 200) {
                    continue;
                }
                byte[] body;
                String length = headers.get("content-length");
                String encoding = headers.getOrDefault("transfer-encoding", "");
                if (head || status == 204 || status == 304) {
                    body = new byte[0];
                } else if (encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                    body = chunked(deadline);
                } else if (length != null) {
                    body = exactly(Long.parseLong(length.split(",")[0].trim()), deadline);
                } else {
                    body = untilEof(deadline);
                }
                partial = false;
                return new Response(status, headLines.toString(), headers, body);
            }
        }

        private byte[] chunked(long deadline) throws IOException {
            var out = new ByteArrayOutputStream();
            while (true) {
                String size = line(deadline);
                int semicolon = size.indexOf(';');
                long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                if (n == 0) {
                    while (!line(deadline).isEmpty()) {
                        // trailers
                    }
                    return out.toByteArray();
                }
                out.writeBytes(exactly(n, deadline));
                line(deadline);
            }
        }

        private byte[] exactly(long n, long deadline) throws IOException {
            var out = new ByteArrayOutputStream();
            for (long i = 0; i < n; i++) {
                int b = read(deadline);
                if (b < 0) {
                    throw new EOFException("body cut short");
                }
                if (out.size() < 1_000_000) {
                    out.write(b);
                }
            }
            return out.toByteArray();
        }

        private byte[] untilEof(long deadline) throws IOException {
            var out = new ByteArrayOutputStream();
            for (int b = read(deadline); b >= 0; b = read(deadline)) {
                if (out.size() < 1_000_000) {
                    out.write(b);
                }
            }
            return out.toByteArray();
        }

        private String line(long deadline) throws IOException {
            var out = new StringBuilder();
            while (true) {
                int b = read(deadline);
                if (b < 0) {
                    throw new EOFException("connection closed inside a response");
                }
                if (b == '\n') {
                    int end = out.length();
                    return end > 0 && out.charAt(end - 1) == '\r' ? out.substring(0, end - 1) : out.toString();
                }
                if (out.length() > 64 * 1024) {
                    throw new IOException("response line too long");
                }
                out.append((char) b);
            }
        }

        private int read(long deadline) throws IOException {
            if (position < limit) {
                return buffer[position++] & 0xff;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("deadline");
            }
            socket.setSoTimeout((int) Math.max(1, left));
            int n = in.read(buffer);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
            return buffer[position++] & 0xff;
        }
    }
}
