package io.ficus.gateway.proxy;

import io.ficus.gateway.GatewayProperties;
import java.util.regex.Pattern;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Puts an {@link EdgeChannelHandler} right after the HTTP codec of every client connection. The gateway
 * serves HTTP/1.1 only (as the backends do); a pipeline without that codec (HTTP/2 turned on) is refused
 * rather than served without the edge checks.
 */
@Component
public class EdgeServerCustomizer implements NettyServerCustomizer {

    private final long headerTimeoutNanos;
    private final long maxRequestBody;
    private final Pattern trustedProxies;

    public EdgeServerCustomizer(EdgeProperties edge, GatewayProperties properties) {
        this.headerTimeoutNanos = edge.requestHeaderTimeout().toNanos();
        this.maxRequestBody = edge.maxRequestBody().toBytes();
        this.trustedProxies = trustedProxies(properties.trustedProxies());
    }

    /** The trusted proxies' pattern, null when none is trusted. */
    static Pattern trustedProxies(String regex) {
        return regex == null || regex.isBlank() ? null : Pattern.compile(regex);
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
                throw new IllegalStateException("no HTTP/1.1 codec in the pipeline: the edge checks support HTTP/1.1 only");
            }
            channel.pipeline().addAfter(NettyPipeline.HttpCodec, EdgeChannelHandler.NAME,
                    new EdgeChannelHandler(headerTimeoutNanos, maxRequestBody, trustedProxies));
        });
    }
}
