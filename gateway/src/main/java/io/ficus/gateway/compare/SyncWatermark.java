package io.ficus.gateway.compare;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.evidence.EvidenceProperties;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The sync watermark of shadow calls: tells when the shadowed system has applied every change the answering system
 * had committed at a given moment, by legacy-adapter's sync fence ({@code POST /ficus/api/sync/fence}), which answers
 * 200 once everything committed in the source before the call is applied in the destination.
 *
 * <p>Fences are shared: per direction at most one runs at a time; a waiter is served by the first fence that
 * <em>started</em> at or after the moment it asks about (the running one when it started late enough, else the next
 * one, which starts when the running one ends and serves every waiter queued meanwhile). So the number of fences does
 * not grow with traffic: under load a fence covers every shadowed exchange answered while the previous one ran.
 */
@Component
public class SyncWatermark implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncWatermark.class);

    /** Which sync must have caught up: towards the shadowed system. */
    public enum Direction {
        /** The new core is shadowed: it must have applied the legacy's changes. */
        LEGACY_TO_CORE,
        /** The legacy is shadowed: it must have applied the new core's changes. */
        CORE_TO_LEGACY
    }

    private final String url;
    private final String authorization;
    private final Duration timeout;
    private final ConnectionProvider connections;
    private final HttpClient client;
    private final Lane[] lanes = {new Lane(Direction.LEGACY_TO_CORE), new Lane(Direction.CORE_TO_LEGACY)};

    public SyncWatermark(GatewayProperties gateway, EvidenceProperties evidence) {
        String configured = evidence.fenceUrl() != null && !evidence.fenceUrl().isBlank() ? evidence.fenceUrl()
                : gateway.handover() != null && gateway.handover().fenceUrl() != null ? gateway.handover().fenceUrl().toString()
                : null;
        this.url = configured == null || configured.isBlank() ? null
                : (configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured)
                        + "/ficus/api/sync/fence";
        String user = gateway.handover() == null ? null : gateway.handover().fenceUsername();
        String password = gateway.handover() == null ? null : gateway.handover().fencePassword();
        this.authorization = user == null || user.isBlank() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        this.timeout = evidence.watermarkTimeout();
        this.connections = ConnectionProvider.builder("ficus-watermark").maxConnections(4)
                .maxIdleTime(Duration.ofSeconds(10)).build();
        this.client = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                .responseTimeout(timeout.plusSeconds(2));
        if (url == null) {
            log.warn("no sync fence configured (ficus.gateway.evidence.fence-url or ficus.gateway.handover.fence-url):"
                    + " shadow calls do not wait for the sync, so sync lag may show as MISMATCH");
        } else {
            log.info("shadow calls wait (at most {}) for the sync fence at {}", timeout, url);
        }
    }

    /** Whether a fence is configured; without one, {@link #reached} completes at once with true. */
    public boolean enabled() {
        return url != null;
    }

    /**
     * Completes with true once a fence that started at or after {@code sinceNanos} ({@link System#nanoTime()}) was
     * reached, with false when that fence failed. Never completes with an error; the caller bounds the wait.
     */
    public Mono<Boolean> reached(Direction direction, long sinceNanos) {
        if (url == null) {
            return Mono.just(Boolean.TRUE);
        }
        return lanes[direction.ordinal()].await(sinceNanos);
    }

    /** The fences of one direction. */
    private final class Lane {

        private final Direction direction;
        private boolean reachedOnce;
        private long reachedStart;
        private Fence running;
        private Fence next;

        Lane(Direction direction) {
            this.direction = direction;
        }

        Mono<Boolean> await(long since) {
            Fence launch = null;
            Mono<Boolean> result;
            synchronized (this) {
                if (reachedOnce && reachedStart - since >= 0) {
                    return Mono.just(Boolean.TRUE);
                }
                if (running == null) {
                    running = new Fence();
                    running.start = System.nanoTime();
                    launch = running;
                    result = running.done.asMono();
                } else if (running.start - since >= 0) {
                    result = running.done.asMono();
                } else {
                    if (next == null) {
                        next = new Fence();
                    }
                    result = next.done.asMono();
                }
            }
            if (launch != null) {
                run(launch);
            }
            return result;
        }

        private void run(Fence fence) {
            String body = "{\"direction\":\"" + direction.name() + "\",\"timeout\":\"" + timeout + "\"}";
            client.headers(h -> {
                        h.set("Content-Type", "application/json");
                        h.set("Accept", "application/json");
                        if (authorization != null) {
                            h.set("Authorization", authorization);
                        }
                    })
                    .post()
                    .uri(url)
                    .send(ByteBufFlux.fromString(Mono.just(body)))
                    .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                            .map(text -> {
                                if (response.status().code() != 200) {
                                    log.debug("sync fence {} not reached: {} {}", direction, response.status().code(), text);
                                }
                                return response.status().code() == 200;
                            }))
                    .onErrorResume(e -> {
                        log.debug("sync fence {} could not be asked: {}", direction, e.toString());
                        return Mono.just(Boolean.FALSE);
                    })
                    .subscribe(ok -> finished(fence, ok));
        }

        private void finished(Fence fence, boolean ok) {
            Fence launch = null;
            synchronized (this) {
                if (ok && (!reachedOnce || fence.start - reachedStart > 0)) {
                    reachedOnce = true;
                    reachedStart = fence.start;
                }
                running = null;
                if (next != null) {
                    running = next;
                    next = null;
                    running.start = System.nanoTime();
                    launch = running;
                }
            }
            fence.done.tryEmitValue(ok);
            if (launch != null) {
                run(launch);
            }
        }
    }

    private static final class Fence {
        final Sinks.One<Boolean> done = Sinks.one();
        long start;
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
