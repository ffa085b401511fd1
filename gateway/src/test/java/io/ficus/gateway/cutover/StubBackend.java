package io.ficus.gateway.cutover;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A backend that keeps up with any rate a benchmark offers: a Reactor Netty server on its own event loop that reads
 * each request's body and answers 200 with a small JSON document after a fixed delay, holding no thread while it
 * waits and keeping nothing per request. WireMock serves every request on a thread of its pool and keeps each one
 * in its request journal, so at a thousand requests per second its own latency, not the gateway's, is measured.
 * It counts the requests it answered and its slowest answer (from the request's head to the answer).
 */
final class StubBackend implements AutoCloseable {

    private final LoopResources loops;
    private final DisposableServer server;
    private final AtomicLong answered = new AtomicLong();
    private final LongAccumulator slowestNanos = new LongAccumulator(Math::max, 0);

    /**
     * @param name  the system it stands for, in its answers ({@code {"by":"legacy"}})
     * @param delay how long it waits before each answer
     */
    StubBackend(String name, Duration delay) {
        byte[] body = ("{\"by\":\"" + name + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        loops = LoopResources.create("stub-" + name, 1, true);
        server = HttpServer.create().host("127.0.0.1").port(0).runOn(loops)
                .handle((request, response) -> {
                    long start = System.nanoTime();
                    return request.receive().then()
                            .then(Mono.delay(delay))
                            .then(response.status(200).header("Content-Type", "application/json")
                                    .header("Content-Length", Integer.toString(body.length))
                                    .sendByteArray(Mono.just(body)).then())
                            .doOnSuccess(v -> {
                                answered.incrementAndGet();
                                slowestNanos.accumulate(System.nanoTime() - start);
                            });
                })
                .bindNow();
    }

    /** Its base URL, such as {@code http://127.0.0.1:40123}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Requests answered so far. */
    long answered() {
        return answered.get();
    }

    /** The slowest answer so far, from the request's head to the end of the answer. */
    Duration slowest() {
        return Duration.ofNanos(slowestNanos.get());
    }

    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater().block(Duration.ofSeconds(5));
    }
}
