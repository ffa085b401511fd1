package io.ficus.gateway.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The gateway's checks on each client connection, in the Netty pipeline right after the HTTP codec,
 * so a request they refuse never reaches WebFlux, a route or a backend:
 * <ul>
 * <li>the head of a request must be complete within the header timeout, counted from the opening of
 *     the connection or the end of the previous response; otherwise the connection is closed (slow
 *     headers, idle keep-alive connections);</li>
 * <li>a request the codec could not decode gets a JSON 414 (request line too long), 431 (headers too
 *     large) or 400, instead of Reactor Netty's empty answer;</li>
 * <li>an HTTP/1.1 request without {@code Host}, or any request with two, gets 400, as Tomcat answers;</li>
 * <li>a {@code Content-Length} above the body limit gets 413 before any byte of the body is read;</li>
 * <li>every {@code X-Ficus-*} header a client sends is removed, and so are {@code X-Forwarded-*} and
 *     {@code Forwarded} unless the peer is a trusted proxy;</li>
 * <li>a request without an {@code X-Request-Id} gets one.</li>
 * </ul>
 * A refused request is answered with {@code Connection: close}; whatever else arrives on that
 * connection is discarded. One instance per connection, used on its event loop only.
 */
final class EdgeChannelHandler extends ChannelDuplexHandler {

    /** Name of this handler in the pipeline. */
    static final String NAME = "ficus.edge";

    private static final String INTERNAL_PREFIX = "x-ficus-";
    private static final String FORWARDED_PREFIX = "x-forwarded-";

    private final long headerTimeoutNanos;
    private final long maxRequestBody;
    private final Pattern trustedProxies;

    private boolean trustedPeer;
    private boolean started;
    private boolean refusing;
    private int unanswered;
    private long idleSince;
    private ScheduledFuture<?> deadline;

    EdgeChannelHandler(long headerTimeoutNanos, long maxRequestBody, Pattern trustedProxies) {
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.maxRequestBody = maxRequestBody;
        this.trustedProxies = trustedProxies;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        trustedPeer = trustedProxies != null && trusted(ctx.channel().remoteAddress(), trustedProxies);
        idleSince = System.nanoTime();
        schedule(ctx, headerTimeoutNanos);
    }

    static boolean trusted(SocketAddress remote, Pattern trustedProxies) {
        return remote instanceof InetSocketAddress address && address.getAddress() != null
                && trustedProxies.matcher(address.getAddress().getHostAddress()).matches();
    }

    private void stop() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        deadline = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Closes a connection that has waited too long for a request head; otherwise checks again when it could. */
    private void expire(ChannelHandlerContext ctx) {
        deadline = null;
        if (!ctx.channel().isActive() || unanswered > 0) {
            return;
        }
        long waited = System.nanoTime() - idleSince;
        if (waited >= headerTimeoutNanos) {
            ctx.close();
        } else {
            schedule(ctx, headerTimeoutNanos - waited);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refusing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            HttpResponseStatus refusal = check(request);
            if (refusal != null) {
                refuse(ctx, msg, refusal, request);
                return;
            }
            removeClientHeaders(request.headers());
            identify(request.headers());
            unanswered++;
        }
        ctx.fireChannelRead(msg);
    }

    /** Why a request is refused, or null when it may go on. */
    private HttpResponseStatus check(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return result.cause() instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : result.cause() instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : result.cause() instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : HttpResponseStatus.BAD_REQUEST;
        }
        HttpVersion version = request.protocolVersion();
        if (!"HTTP".equals(version.protocolName()) || version.majorVersion() != 1 || version.minorVersion() > 1) {
            return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
        }
        int hosts = hostCount(request.headers());
        if (hosts > 1 || (hosts == 0 && HttpVersion.HTTP_1_1.equals(version))
                || (hosts == 1 && !validHost(request.headers().get(HttpHeaderNames.HOST)))) {
            return HttpResponseStatus.BAD_REQUEST;
        }
        if (HttpUtil.getContentLength(request, -1L) > maxRequestBody) {
            return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        return null;
    }

    private static int hostCount(HttpHeaders headers) {
        int count = 0;
        for (Iterator<? extends CharSequence> values = headers.valueCharSequenceIterator(HttpHeaderNames.HOST);
             values.hasNext() && count < 2; values.next()) {
            count++;
        }
        return count;
    }

    /**
     * Whether a {@code Host} value is {@code host[:port]} as Tomcat accepts it: a registered name or IPv4 address of
     * unreserved, sub-delimiter and percent characters, or an IPv6 literal in brackets; a port of digits. Spaces,
     * slashes, user info ({@code @}) and anything else are refused.
     */
    static boolean validHost(String value) {
        int length = value.length();
        int i = 0;
        if (length > 0 && value.charAt(0) == '[') {
            int end = value.indexOf(']');
            if (end < 2) {
                return false;
            }
            for (i = 1; i < end; i++) {
                char c = value.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = end + 1;
        } else {
            for (; i < length && value.charAt(i) != ':'; i++) {
                char c = value.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && "-._~!$&'()*+,;=%".indexOf(c) < 0) {
                    return false;
                }
            }
        }
        if (i == length) {
            return true;
        }
        if (value.charAt(i) != ':') {
            return false;
        }
        for (i++; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Removes {@code X-Ficus-*}, and {@code X-Forwarded-*} and {@code Forwarded} unless the peer is trusted. */
    private void removeClientHeaders(HttpHeaders headers) {
        List<String> removed = null;
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence(); it.hasNext(); ) {
            CharSequence name = it.next().getKey();
            if (startsWith(name, INTERNAL_PREFIX) || (!trustedPeer && (startsWith(name, FORWARDED_PREFIX)
                    || (name.length() == 9 && startsWith(name, "forwarded"))))) {
                if (removed == null) {
                    removed = new ArrayList<>(2);
                }
                removed.add(name.toString());
            }
        }
        if (removed != null) {
            removed.forEach(headers::remove);
        }
    }

    /**
     * Gives a request without an {@code X-Request-Id} (or with a blank one) a new one, here on Netty's headers, where it
     * costs one header entry; {@link ModeRoutingFilter} would otherwise have to copy the request's headers to add it.
     */
    private static void identify(HttpHeaders headers) {
        String requestId = headers.get(ModeRoutingFilter.REQUEST_ID);
        if (requestId == null || requestId.isBlank()) {
            headers.set(ModeRoutingFilter.REQUEST_ID, ModeRoutingFilter.newRequestId());
        }
    }

    /** Whether {@code name} starts with the lower-case {@code prefix}, ignoring case. */
    static boolean startsWith(CharSequence name, String prefix) {
        int length = prefix.length();
        if (name.length() < length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            if (c != prefix.charAt(i) && Character.toLowerCase(c) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void refuse(ChannelHandlerContext ctx, Object msg, HttpResponseStatus status, HttpRequest request) {
        String path = request.decoderResult().isFailure() ? "" : pathOf(request.uri());
        ReferenceCountUtil.release(msg);
        refusing = true;
        stop();
        byte[] body = ProxyErrorHandler.body(status.code(), messageFor(status), path).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.length() <= 200 ? path : path.substring(0, 200);
    }

    private String messageFor(HttpResponseStatus status) {
        return switch (status.code()) {
            case 413 -> "The request body is larger than the limit of " + maxRequestBody + " bytes";
            case 414 -> "The request line is too long";
            case 431 -> "The request headers are too large";
            case 505 -> "Only HTTP/1.0 and HTTP/1.1 are supported";
            default -> "Malformed request: an HTTP/1.1 request needs exactly one valid Host header and a valid request line"
                    + " and headers";
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse response && informational(response))
                && unanswered > 0 && --unanswered == 0) {
            idleSince = System.nanoTime();
            if (deadline == null && !refusing) {
                schedule(ctx, headerTimeoutNanos);
            }
        }
        super.write(ctx, msg, promise);
    }

    private static boolean informational(HttpResponse response) {
        return response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
}
