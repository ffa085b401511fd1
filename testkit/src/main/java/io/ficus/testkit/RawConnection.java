package io.ficus.testkit;

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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection on a plain socket that the test writes byte for byte, in as many pieces and
 * as slowly as it likes (no or two {@code Host} headers, a head sent slowly, a body that stops
 * half-way, smuggling), and reads responses from, framed here (1xx skipped, {@code Content-Length},
 * chunked, or up to the end of the connection), each within a deadline. For one well-formed request
 * per connection see {@link RawHttp}; for ordinary requests {@link TestHttp}.
 */
public final class RawConnection implements AutoCloseable {

    /** Bodies are kept up to this size; the rest is read and dropped. */
    private static final int KEPT = 1_000_000;

    /**
     * One response.
     *
     * @param status  the status code
     * @param head    the status line and header lines as received, with the empty line
     * @param headers the headers, names in lower case; the values of a repeated header joined with ", "
     * @param bytes   the body (its first megabyte)
     */
    public record Response(int status, String head, Map<String, String> headers, byte[] bytes) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** A header by name, ignoring case. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Head and body as text. */
        public String text() {
            return head + body();
        }

        /** Head and body on one line, cut at 400 characters, for messages. */
        public String summary() {
            String all = text().replace("\r", "\\r").replace("\n", "\\n");
            return all.length() > 400 ? all.substring(0, 400) + "..." : all;
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final Duration readTimeout;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private boolean partial;

    private RawConnection(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        this.readTimeout = readTimeout;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Connects to {@code host:port}; {@link #read()} and {@link #closedByServer()} wait at most {@code readTimeout}. */
    public static RawConnection open(String host, int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new RawConnection(socket, readTimeout);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Connects to {@code localhost:port}. */
    public static RawConnection open(int port, Duration readTimeout) throws IOException {
        return open("localhost", port, readTimeout);
    }

    /** The stream to write to from another thread (while this one reads). */
    public OutputStream output() {
        return out;
    }

    /** Writes text as ISO-8859-1 bytes (HTTP heads are) and flushes. */
    public RawConnection write(String text) throws IOException {
        return write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes the bytes and flushes. */
    public RawConnection write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * Reads the next final response within the read timeout.
     *
     * @throws IOException when the connection ends before a complete response, or none came in time
     */
    public Response read() throws IOException {
        Response response = read(System.nanoTime() + readTimeout.toNanos(), false);
        if (response == null) {
            throw new EOFException("connection closed before a response");
        }
        return response;
    }

    /**
     * Reads the next final response (1xx skipped) before {@code deadline} ({@link System#nanoTime()}); {@code head}:
     * the request was a HEAD (no body follows).
     *
     * @return the response, or null on a clean end of the connection before any byte of it
     * @throws SocketTimeoutException when the deadline passed ({@link #partial()} tells whether a response had begun)
     * @throws IOException            when the connection ends inside a response, or the bytes are no HTTP response
     */
    public Response read(long deadline, boolean head) throws IOException {
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

    /** Whether the last {@link #read(long, boolean)} stopped inside a response. */
    public boolean partial() {
        return partial;
    }

    /** Whether the server has closed the connection: a read gives end of stream (or a reset) within the read timeout. */
    public boolean closedByServer() throws IOException {
        try {
            return read(System.nanoTime() + readTimeout.toNanos()) < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private byte[] chunked(long deadline) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String size = line(deadline);
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                while (!line(deadline).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.writeBytes(exactly(n, deadline));
            line(deadline);
        }
    }

    private byte[] exactly(long n, long deadline) throws IOException {
        var body = new ByteArrayOutputStream();
        for (long i = 0; i < n; i++) {
            int b = read(deadline);
            if (b < 0) {
                throw new EOFException("body cut short");
            }
            if (body.size() < KEPT) {
                body.write(b);
            }
        }
        return body.toByteArray();
    }

    private byte[] untilEof(long deadline) throws IOException {
        var body = new ByteArrayOutputStream();
        for (int b = read(deadline); b >= 0; b = read(deadline)) {
            if (body.size() < KEPT) {
                body.write(b);
            }
        }
        return body.toByteArray();
    }

    private String line(long deadline) throws IOException {
        var line = new StringBuilder();
        while (true) {
            int b = read(deadline);
            if (b < 0) {
                throw new EOFException("connection closed inside a response");
            }
            if (b == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() > 64 * 1024) {
                throw new IOException("response line too long");
            }
            line.append((char) b);
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
