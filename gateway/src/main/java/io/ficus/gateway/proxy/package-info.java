/**
 * Per-request routing. {@link io.ficus.gateway.proxy.ModeRoutingFilter} matches the request to a
 * catalog route, reads the route's toggle from the in-memory snapshot, picks the backend (canary
 * callers by a consistent hash of the token's {@code email} claim or the client address) and the
 * backend to shadow, if any ({@link io.ficus.gateway.proxy.Decision}), tees the bodies of
 * shadowed requests up to the capture limit without buffering them, and hands the finished
 * exchange to the shadow dispatcher. Spring Cloud Gateway's Netty routing filter does the
 * streaming proxying itself; {@link io.ficus.gateway.proxy.ProxyErrorHandler} turns upstream
 * failures into 502 and 504 with the public API's error body.
 *
 * <p>The edge comes first. {@link io.ficus.gateway.proxy.EdgeChannelHandler}, in the Netty pipeline of
 * every client connection, closes connections whose request head is not complete in time, answers
 * undecodable, oversized ({@code Content-Length}) and {@code Host}-less or two-{@code Host} requests
 * with JSON errors before anything is routed, and removes every {@code X-Ficus-*} header, and the
 * {@code X-Forwarded-*}/{@code Forwarded} headers of peers that are not trusted proxies, from the
 * request itself, so no later filter, controller or backend sees them, and gives a request without an
 * {@code X-Request-Id} one (adding it later, in a WebFlux filter, would copy all the request's headers). It works on
 * Netty's headers
 * because that is the cheapest place: no WebFlux header copy, no regular expression per header.
 * {@link io.ficus.gateway.proxy.RequestBodyFilter} bounds bodies (a pause longer than the body timeout
 * is a 408, a chunked body past the limit a 413) where the error reaches whoever reads the body, so the
 * backend request is aborted and {@link io.ficus.gateway.proxy.ProxyErrorHandler} answers. The trust
 * decision for forwarded headers is ours ({@code ficus.gateway.trusted-proxies});
 * {@link io.ficus.gateway.proxy.ProxyHeaders} then trusts every peer that gets that far and sets the gateway's own, and
 * drops hop-by-hop headers, in one copy of the headers where Spring Cloud Gateway's header filters made four.
 */
package io.ficus.gateway.proxy;
