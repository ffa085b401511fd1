package io.ficus.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses, before anything reads them, a query string that is not valid percent-encoded UTF-8
 * (400) and a body larger than {@link WebProperties#maxBodySize()} (413); a body without a
 * length is read through a stream that fails as soon as it crosses the limit.
 */
class RequestLimitsFilter extends OncePerRequestFilter {

    private final long maxBody;
    private final String limitText;
    private final JsonMapper json;

    RequestLimitsFilter(WebProperties properties, JsonMapper json) {
        this.maxBody = properties.maxBodySize().toBytes();
        this.limitText = properties.maxBodySizeText();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!validQuery(request.getQueryString())) {
            refuse(request, response, HttpStatus.BAD_REQUEST, "the query string is not valid percent-encoded UTF-8");
            return;
        }
        long length = request.getContentLengthLong();
        if (length > maxBody) {
            refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "request body must be at most " + limitText);
            return;
        }
        chain.doFilter(length >= 0 ? request : new Bounded(request, maxBody, limitText), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(ErrorBody.of(status, message, request.getRequestURI())));
    }

    /** Every {@code %} followed by two hex digits, and the decoded bytes UTF-8. */
    static boolean validQuery(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return true;
        }
        var bytes = new java.io.ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || Character.digit(query.charAt(i + 1), 16) < 0 || Character.digit(query.charAt(i + 2), 16) < 0) {
                    return false;
                }
                bytes.write(Character.digit(query.charAt(i + 1), 16) * 16 + Character.digit(query.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The request with a body stream that fails past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private final String limitText;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max, String limitText) {
            super(request);
            this.max = max;
            this.limitText = limitText;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, (int) Math.min(length, max - read + 1));
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > max) {
                            throw new BodyTooLargeException(limitText);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), encoding == null ? "UTF-8" : encoding));
        }
    }
}
