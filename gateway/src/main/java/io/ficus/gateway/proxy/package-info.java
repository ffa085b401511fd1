/**
 * Per-request routing. {@link io.ficus.gateway.proxy.ModeRoutingFilter} matches the request to a
 * catalog route, reads the route's toggle from the in-memory snapshot, picks the backend (canary
 * callers by a consistent hash of the token's {@code email} claim or the client address) and the
 * backend to shadow, if any ({@link io.ficus.gateway.proxy.Decision}), tees the bodies of
 * shadowed requests up to the capture limit without buffering them, and hands the finished
 * exchange to the shadow dispatcher. Spring Cloud Gateway's Netty routing filter does the
 * streaming proxying itself; {@link io.ficus.gateway.proxy.ProxyErrorHandler} turns upstream
 * failures into 502 and 504 with the public API's error body.
 */
package io.ficus.gateway.proxy;
