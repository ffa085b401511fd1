package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.toggles.ToggleStore;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This instance's side of every handover, on one thread polling the database every {@code poll-interval}: it
 * heartbeats ({@code gateway_replica}), then for each handover in progress closes the group's gate (DRAINING) and
 * acknowledges DRAINED once none of its writes of the group is in flight; reloads the toggles and acknowledges
 * SWITCHED; and on DONE or ABORTED reloads the toggles and opens the gate. A handover past its {@code expires_at}
 * counts as ended: ABORTED when it had not switched, DONE when it had (the toggles changed with the switch).
 *
 * <p>Each successful round renews the gate's lease until the round's start plus {@code lease}; after a round that
 * failed or hung for longer than that, every write of this instance waits (fail closed), and the next successful
 * round reloads the toggles before it lets them through, so an instance cut off from its database never routes a
 * write by a snapshot older than the lease.
 */
public class ReplicaAgent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplicaAgent.class);

    private final JdbcTemplate jdbc;
    private final ToggleStore toggles;
    private final WriteGate gate;
    private final GatewayProperties.Handover settings;
    private final String replicaId;
    private final Instant startedAt = Instant.now();
    /** Handover id by group, for the groups whose gate this instance closed; touched by the agent thread only. */
    private final Map<String, Long> closedFor = new HashMap<>();
    private volatile ScheduledExecutorService thread;
    private long failingSince;

    public ReplicaAgent(DataSource dataSource, ToggleStore toggles, WriteGate gate, GatewayProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.settings = properties.handover();
        // a query that hangs (a half-open connection) must fail, so that the next round can renew the lease
        this.jdbc.setQueryTimeout((int) Math.max(1, settings.lease().toSeconds()));
        this.toggles = toggles;
        this.gate = gate;
        this.replicaId = newReplicaId();
    }

    /** This instance's id in {@code gateway_replica}: host, process and a random suffix (several contexts may share a JVM). */
    public String replicaId() {
        return replicaId;
    }

    private static String newReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        String id = host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return id.length() <= 100 ? id : id.substring(id.length() - 100);
    }

    /** One round; package-private so tests can drive it. */
    void poll() {
        long started = System.nanoTime();
        boolean leaseWasValid = gate.leaseValid();
        try {
            jdbc.update("insert into gateway_replica (id, started_at, seen_at) values (?, ?, now())"
                    + " on conflict (id) do update set seen_at = now()", replicaId, Timestamp.from(startedAt));
            List<Handover> handovers = jdbc.query("select id, group_name, state, expires_at <= now() from handover"
                            + " where state in ('DRAINING', 'SWITCHED') or id = any (?)",
                    (rs, n) -> new Handover(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)),
                    (Object) closedFor.values().toArray(Long[]::new));
            boolean reloaded = false;
            if (!leaseWasValid) {
                toggles.refresh();
                reloaded = true;
            }
            for (Handover handover : handovers) {
                reloaded |= follow(handover, reloaded);
            }
            gate.renewLease(started + settings.lease().toNanos());
            if (failingSince != 0) {
                log.info("database reachable again after {} ms; writes admitted again", (System.nanoTime() - failingSince) / 1_000_000);
                failingSince = 0;
            }
        } catch (RuntimeException e) {
            if (failingSince == 0) {
                failingSince = started;
                log.warn("replica {} cannot reach the gateway database ({}); its writes are held once the lease of {} runs out",
                        replicaId, e.toString(), settings.lease());
            }
        }
    }

    private record Handover(long id, String group, String state, boolean expired) {
    }

    /** Follows one handover; returns whether it reloaded the toggles. */
    private boolean follow(Handover handover, boolean reloaded) {
        String state = handover.state();
        if (handover.expired() && ("DRAINING".equals(state) || "SWITCHED".equals(state))) {
            state = expire(handover);
        }
        switch (state) {
            case "DRAINING" -> {
                close(handover);
                if (gate.inFlight(handover.group()) == 0) {
                    ack(handover, "DRAINED");
                }
                return false;
            }
            case "SWITCHED" -> {
                close(handover);
                if (!reloaded) {
                    toggles.refresh();
                }
                ack(handover, "SWITCHED");
                return true;
            }
            default -> {
                if (!reloaded) {
                    toggles.refresh();
                }
                Long closed = closedFor.get(handover.group());
                if (closed != null && closed == handover.id()) {
                    closedFor.remove(handover.group());
                    gate.open(handover.group());
                    log.info("handover {} of group {} {}: writes of the group admitted again", handover.id(),
                            handover.group(), state);
                }
                return true;
            }
        }
    }

    /** Ends a handover past its bound: DONE if it had switched (the toggles changed), ABORTED otherwise. */
    private String expire(Handover handover) {
        String ended = "SWITCHED".equals(handover.state()) ? "DONE" : "ABORTED";
        int changed = jdbc.update("update handover set state = ?, updated_at = now(), detail = coalesce(detail || '; ', '')"
                        + " || ? where id = ? and state = ? and expires_at <= now()", ended,
                "past its bound in " + handover.state() + ", ended as " + ended + " by replica " + replicaId,
                handover.id(), handover.state());
        if (changed == 1) {
            log.warn("handover {} of group {} passed its bound in {} (its coordinator went away?): ended as {}",
                    handover.id(), handover.group(), handover.state(), ended);
        }
        return ended;
    }

    private void close(Handover handover) {
        Long closed = closedFor.get(handover.group());
        if (closed == null || closed != handover.id()) {
            closedFor.put(handover.group(), handover.id());
            gate.close(handover.group());
            log.info("handover {}: writes of group {} held on replica {}", handover.id(), handover.group(), replicaId);
        }
    }

    private void ack(Handover handover, String stage) {
        jdbc.update("insert into handover_ack (handover_id, replica_id, state) values (?, ?, ?) on conflict do nothing",
                handover.id(), replicaId, stage);
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ficus-replica-agent");
            t.setDaemon(true);
            return t;
        });
        long interval = settings.pollInterval().toNanos();
        executor.scheduleWithFixedDelay(this::pollSafely, 0, interval, TimeUnit.NANOSECONDS);
        thread = executor;
        log.info("replica {} follows handovers every {} (lease {})", replicaId, settings.pollInterval(), settings.lease());
    }

    private void pollSafely() {
        try {
            poll();
        } catch (Throwable e) {
            log.error("replica agent round failed", e);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = thread;
        thread = null;
        if (executor != null) {
            executor.shutdownNow();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // leave at once rather than after the liveness window, so flips need not wait for this instance
            jdbc.update("delete from gateway_replica where id = ?", replicaId);
        } catch (RuntimeException e) {
            log.debug("could not remove replica {}: {}", replicaId, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Starts before the web server takes requests and stops only after it stopped (graceful shutdown included), so
     * this instance counts as live for every flip while it can still route a write.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
