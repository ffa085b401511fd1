package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Toggle;
import io.ficus.gateway.toggles.ToggleChange;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flips route and group toggles for the admin API. A flip that leaves a group's write owner where it is stays a plain
 * update of the toggle store; a flip that moves the writes is a handover, run by this instance as its coordinator:
 *
 * <ol>
 * <li>DRAIN: insert the handover (DRAINING); every live instance holds the group's writes and acknowledges DRAINED
 *     once none of its writes of the group is in flight (bounded by {@code drain-timeout});</li>
 * <li>FENCE: legacy-adapter's sync fence waits until the new owner applied everything the old one acknowledged
 *     ({@code fence-timeout}; skipped when no fence URL is configured);</li>
 * <li>SWITCH: the toggles, their audit and the handover's SWITCHED state commit in one transaction;</li>
 * <li>RELEASE: every live instance reloads its toggles and acknowledges SWITCHED ({@code drain-timeout}); then DONE,
 *     and each instance admits the held writes, now routed by the new toggles.</li>
 * </ol>
 *
 * Any stage that fails or runs out of time ends the handover ABORTED with the toggles as they were (a failure after
 * the switch switches them back, in one transaction with ABORTED: no write was admitted in between), and the flip is
 * refused with {@link HandoverRefusedException}.
 */
public class Cutover {

    private static final Logger log = LoggerFactory.getLogger(Cutover.class);

    /** The stages of a handover, as reported. */
    public enum Stage { DRAIN, FENCE, SWITCH, RELEASE }

    /**
     * The outcome of a flip.
     *
     * @param toggles  the group's toggles after it, by route id
     * @param handover the handover's id, null for a plain update
     * @param pause    how long the group's writes were held (zero for a plain update)
     * @param stages   the duration of each stage of the handover, in order
     */
    public record Flip(Map<String, Toggle> toggles, Long handover, Duration pause, Map<Stage, Duration> stages) {

        /** Response header: the handover's id, on a flip that was one. */
        public static final String HANDOVER_ID = io.ficus.contracts.Headers.HANDOVER_ID;
        /** Response header: how long the group's writes were held, in milliseconds. */
        public static final String PAUSE_MILLIS = io.ficus.contracts.Headers.HANDOVER_PAUSE_MILLIS;
        /** Response header: each stage's duration, such as {@code DRAIN=52ms, FENCE=130ms, SWITCH=8ms, RELEASE=51ms}. */
        public static final String STAGES = io.ficus.contracts.Headers.HANDOVER_STAGES;

        /** Puts the handover's figures in the flip's answer (nothing for a plain update). */
        public void report(HttpHeaders headers) {
            if (handover == null) {
                return;
            }
            headers.set(HANDOVER_ID, Long.toString(handover));
            headers.set(PAUSE_MILLIS, Long.toString(pause.toMillis()));
            headers.set(STAGES, String.join(", ", stages.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue().toMillis() + "ms").toList()));
        }
    }

    /** A flip refused: the handover ended ABORTED (or never started), and the toggles are as they were. */
    public static final class HandoverRefusedException extends RuntimeException {

        private final HttpStatus status;
        private final Stage stage;

        HandoverRefusedException(HttpStatus status, Stage stage, String message) {
            super(message);
            this.status = status;
            this.stage = stage;
        }

        /** 409 when the flip cannot be made now (a replica or the sync did not catch up, another flip runs), 503 when a dependency failed. */
        public HttpStatus status() {
            return status;
        }

        /** The stage that failed, null when the handover did not start. */
        public Stage stage() {
            return stage;
        }
    }

    private final ToggleStore toggles;
    private final JdbcTemplate jdbc;
    private final GatewayProperties.Handover settings;
    private final String replicaId;
    private final FenceClient fence;
    private final MeterRegistry meters;
    private final OwnershipPusher ownership;

    /** A coordinator that does not tell the applications who owns a group's writes (backends without that API). */
    public Cutover(ToggleStore toggles, JdbcTemplate jdbc, GatewayProperties properties, ReplicaAgent agent,
                   MeterRegistry meters) {
        this(toggles, jdbc, properties, agent, meters, null);
    }

    /**
     * @param ownership pushes the revoke (after DRAIN) and the grant (at SWITCH) of each handover to the applications;
     *                  null to push nothing
     */
    public Cutover(ToggleStore toggles, JdbcTemplate jdbc, GatewayProperties properties, ReplicaAgent agent,
                   MeterRegistry meters, OwnershipPusher ownership) {
        this.ownership = ownership;
        this.toggles = toggles;
        this.jdbc = jdbc;
        this.settings = properties.handover();
        this.replicaId = agent.replicaId();
        this.meters = meters;
        if (FenceClient.configured(settings)) {
            this.fence = new FenceClient(settings);
            log.info("writer flips wait for the sync fence at {}", settings.fenceUrl());
        } else {
            this.fence = null;
            log.warn("ficus.gateway.handover.fence-url is not set: writer flips do not wait for sync, so a write the old"
                    + " owner acknowledged may not have reached the new one when the writes move");
        }
    }

    /**
     * Changes one route's toggle; a handover when it moves the group's writes. Blocking: call it off the event loop.
     *
     * @throws NoSuchElementException   if no route has this id
     * @throws IllegalArgumentException without a reason
     * @throws io.ficus.gateway.toggles.OwnershipConflictException if the change breaks a single-writer rule
     * @throws HandoverRefusedException if the handover could not complete
     */
    public Flip flipRoute(String routeId, Toggle to, String actor, String reason) {
        requireReason(reason);
        return flip(toggles.planRoute(routeId, to), actor, reason);
    }

    /** Changes every route of a group; see {@link #flipRoute}. */
    public Flip flipGroup(String group, Toggle to, String actor, String reason) {
        requireReason(reason);
        return flip(toggles.planGroup(group, to), actor, reason);
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
    }

    private Flip flip(ToggleChange change, String actor, String reason) {
        if (!change.movesWrites() || change.noop()) {
            return new Flip(toggles.apply(change, actor, reason, null), null, Duration.ZERO, Map.of());
        }
        return handover(change, actor, reason);
    }

    private Flip handover(ToggleChange change, String actor, String reason) {
        String group = change.group();
        long id = begin(change, actor, reason);
        long start = System.nanoTime();
        Map<Stage, Duration> stages = new EnumMap<>(Stage.class);
        Stage stage = Stage.DRAIN;
        boolean revoked = false;
        try {
            long t = System.nanoTime();
            awaitAcks(id, "DRAINED", Stage.DRAIN);
            log.info("handover {} of group {}: every replica drained in {} ms", id, group, since(t).toMillis());
            if (ownership != null) {
                revoked = true;
                push(OwnershipPusher.backend(change.fromOwner()), change, change.toOwner(), OwnershipPusher.Step.REVOKE.epoch(id));
                log.info("handover {} of group {}: {} refuses the group's writes and finished those it had, after {} ms",
                        id, group, OwnershipPusher.backend(change.fromOwner()).description(), since(t).toMillis());
            }
            stages.put(Stage.DRAIN, since(t));

            stage = Stage.FENCE;
            t = System.nanoTime();
            String fenced = fence(change);
            stages.put(Stage.FENCE, since(t));
            log.info("handover {} of group {}: {} in {} ms", id, group, fenced, since(t).toMillis());

            stage = Stage.SWITCH;
            t = System.nanoTime();
            Map<String, Toggle> result = toggles.apply(change, actor, reason, () -> mark(id, "DRAINING", "SWITCHED", null));
            if (ownership != null) {
                push(OwnershipPusher.backend(change.toOwner()), change, change.toOwner(), OwnershipPusher.Step.GRANT.epoch(id));
            }
            stages.put(Stage.SWITCH, since(t));
            log.info("handover {} of group {}: toggles switched to {} in {} ms", id, group, change.to(), since(t).toMillis());

            stage = Stage.RELEASE;
            t = System.nanoTime();
            awaitAcks(id, "SWITCHED", Stage.RELEASE);
            if (!mark(id, "SWITCHED", "DONE", null)) {
                throw refused(HttpStatus.CONFLICT, Stage.RELEASE, "the handover passed its bound of " + millis(settings.bound())
                        + " and was ended by a replica");
            }
            stages.put(Stage.RELEASE, since(t));
            Duration pause = since(start);
            log.info("handover {} of group {} from {} to {} DONE: writes held {} ms (drain {}, fence {}, switch {}, release {} ms)",
                    id, group, change.fromOwner(), change.toOwner(), pause.toMillis(), millis(stages.get(Stage.DRAIN)),
                    millis(stages.get(Stage.FENCE)), millis(stages.get(Stage.SWITCH)), millis(stages.get(Stage.RELEASE)));
            pauseTimer(group, "done").record(pause);
            return new Flip(result, id, pause, stages);
        } catch (RuntimeException e) {
            HandoverRefusedException refused = e instanceof HandoverRefusedException r ? r
                    : refused(HttpStatus.SERVICE_UNAVAILABLE, stage, e.toString());
            if (revoked) {
                giveBack(change, id);
            }
            boolean unchanged = abort(change, id, stage, refused.getMessage(), actor);
            Duration pause = since(start);
            pauseTimer(group, "aborted").record(pause);
            String outcome = unchanged ? "toggles unchanged"
                    : "could not be marked ABORTED: every instance ends it when it passes its bound; check the group's routes";
            log.warn("handover {} of group {} from {} to {} ABORTED at {} after {} ms ({}): {}", id, group,
                    change.fromOwner(), change.toOwner(), stage, pause.toMillis(), outcome, refused.getMessage());
            throw new HandoverRefusedException(refused.status(), stage, "flip of group '" + group + "' to " + change.to()
                    + " refused: handover " + id + " aborted at " + stage + " after " + pause.toMillis()
                    + " ms (writes were held that long; " + outcome + "): " + refused.getMessage());
        }
    }

    /** Pushes one step of the handover to one application; a failure refuses the flip at the current stage. */
    private void push(io.ficus.gateway.catalog.Backend target, ToggleChange change, String owner, long epoch) {
        try {
            ownership.push(target, change.group(), owner, epoch);
        } catch (OwnershipPusher.PushFailed e) {
            throw refused(e.status() == 409 ? HttpStatus.CONFLICT : HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage());
        }
    }

    /**
     * Before an abort ends the handover (so no instance opens its gate before): the group's writes back to the old
     * owner, at the handover's SETTLE epoch, on the new owner first (which may have been granted them) and then on the
     * old one; nothing when the replicas ended the handover DONE meanwhile. Best effort: the periodic reconcile pushes
     * the settled ownership at the same epoch (the latest push of an equal epoch wins), whatever the handover ended as.
     */
    private void giveBack(ToggleChange change, long id) {
        try {
            if ("DONE".equals(jdbc.queryForObject("select state from handover where id = ?", String.class, id))) {
                return;
            }
        } catch (RuntimeException e) {
            log.warn("handover {} of group {}: could not read its state ({}); the reconcile settles the ownership", id,
                    change.group(), e.toString());
            return;
        }
        long epoch = OwnershipPusher.Step.SETTLE.epoch(id);
        for (String owner : List.of(change.toOwner(), change.fromOwner())) {
            io.ficus.gateway.catalog.Backend target = OwnershipPusher.backend(owner);
            try {
                ownership.push(target, change.group(), change.fromOwner(), epoch);
            } catch (OwnershipPusher.PushFailed e) {
                log.warn("handover {} of group {} aborted, and the group's writes could not be given back to {} on {} yet"
                        + " (the reconcile retries): {}", id, change.group(), change.fromOwner(), target.description(),
                        e.getMessage());
            }
        }
    }

    /** Inserts the DRAINING handover, ending first any of the group's handovers past their bound. */
    private long begin(ToggleChange change, String actor, String reason) {
        Set<String> live = liveReplicas();
        if (!live.contains(replicaId)) {
            throw refused(HttpStatus.SERVICE_UNAVAILABLE, null, "this instance (" + replicaId + ") has no recent"
                    + " heartbeat in the database, so it cannot coordinate a handover; try again or use another instance");
        }
        jdbc.update("update handover set state = case state when 'SWITCHED' then 'DONE' else 'ABORTED' end, updated_at = now(),"
                + " detail = coalesce(detail || '; ', '') || 'past its bound, ended by the next handover'"
                + " where group_name = ? and state in ('DRAINING', 'SWITCHED') and expires_at <= now()", change.group());
        try {
            Long id = jdbc.queryForObject("insert into handover (group_name, from_owner, to_owner, state, expires_at,"
                            + " coordinator, actor, reason) values (?, ?, ?, 'DRAINING', now() + ?::interval, ?, ?, ?) returning id",
                    Long.class, change.group(), change.fromOwner(), change.toOwner(), millis(settings.bound()) + " milliseconds",
                    replicaId, actor == null ? "unknown" : actor, reason);
            log.info("handover {} of group {} from {} to {} started by {} on {}: holding the group's writes", id,
                    change.group(), change.fromOwner(), change.toOwner(), actor, replicaId);
            return id;
        } catch (DuplicateKeyException e) {
            String running = jdbc.query("select id, state, started_at from handover where group_name = ?"
                            + " and state in ('DRAINING', 'SWITCHED')",
                    rs -> rs.next() ? "handover " + rs.getLong(1) + " (" + rs.getString(2) + " since "
                            + rs.getTimestamp(3).toInstant() + ")" : "another handover", change.group());
            throw refused(HttpStatus.CONFLICT, null, "group '" + change.group() + "' is being handed over already: "
                    + running + "; try again when it ended");
        }
    }

    private Set<String> liveReplicas() {
        return new HashSet<>(jdbc.queryForList("select id from gateway_replica where seen_at > now() - ?::interval",
                String.class, millis(settings.liveness()) + " milliseconds"));
    }

    /** Waits until every live replica acknowledged {@code ack}, polling; refuses after {@code drain-timeout}. */
    private void awaitAcks(long id, String ack, Stage stage) {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        Set<String> missing;
        int live;
        while (true) {
            Set<String> alive = liveReplicas();
            live = alive.size();
            missing = new TreeSet<>(alive);
            missing.removeAll(jdbc.queryForList("select replica_id from handover_ack where handover_id = ? and state = ?",
                    String.class, id, ack));
            if (missing.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            sleep(settings.pollInterval());
        }
        throw refused(HttpStatus.CONFLICT, stage, missing.size() + " of " + live + " live replicas did not acknowledge "
                + ack + " within " + millis(settings.drainTimeout()) + " ms: " + missing
                + ("DRAINED".equals(ack) ? " (writes of the group still in flight there, or the replica is stuck)" : ""));
    }

    private String fence(ToggleChange change) {
        if (fence == null) {
            return "no sync fence configured, not waiting for the sync";
        }
        FenceClient.Direction direction = FenceClient.Direction.towards(change.toOwner());
        try {
            FenceClient.Reached reached = fence.fence(direction, settings.fenceTimeout());
            return "sync fence " + direction + " reached (the adapter waited " + reached.waitedMillis() + " ms)";
        } catch (FenceClient.NotReached e) {
            HttpStatus status = e.status() == 0 || e.status() == 401 || e.status() == 403 || e.status() >= 500 && e.status() != 504
                    ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.CONFLICT;
            throw refused(status, Stage.FENCE, "the sync " + direction + " did not catch up within "
                    + millis(settings.fenceTimeout()) + " ms: " + e.getMessage());
        }
    }

    /** Moves the handover from one state to the next unless it passed its bound; whether it did. */
    private boolean mark(long id, String from, String to, String detail) {
        int changed = jdbc.update("update handover set state = ?, updated_at = now(), detail = coalesce(?, detail)"
                + " where id = ? and state = ? and expires_at > now()", to, detail, id, from);
        if (changed != 1 && "SWITCHED".equals(to)) {
            throw refused(HttpStatus.CONFLICT, Stage.SWITCH, "the handover passed its bound of " + millis(settings.bound())
                    + " ms before the switch");
        }
        return changed == 1;
    }

    /**
     * Ends the handover ABORTED with the toggles as before: switched back, in the same transaction, when the switch had
     * committed (no write was admitted since: every gate stays closed until DONE). Whether it could.
     */
    private boolean abort(ToggleChange change, long id, Stage stage, String detail, String actor) {
        String why = "aborted at " + stage + ": " + detail;
        try {
            String state = jdbc.queryForObject("select state from handover where id = ?", String.class, id);
            if ("SWITCHED".equals(state)) {
                // only while no instance ended it as DONE (past its bound) and opened its gate to the new owner
                toggles.revert(change, actor, "handover " + id + " " + why, () -> {
                    if (jdbc.update("update handover set state = 'ABORTED', updated_at = now(), detail = ? where id = ?"
                            + " and state = 'SWITCHED'", why, id) != 1) {
                        throw new IllegalStateException("handover " + id + " was ended meanwhile");
                    }
                });
            } else if ("DRAINING".equals(state)) {
                jdbc.update("update handover set state = 'ABORTED', updated_at = now(), detail = ? where id = ?"
                        + " and state = 'DRAINING'", why, id);
            }
            return !"DONE".equals(state);
        } catch (RuntimeException e) {
            log.error("handover {} of group {} could not be marked ABORTED ({}); the replicas end it when it passes its bound",
                    id, change.group(), e.toString());
            return false;
        }
    }

    private HandoverRefusedException refused(HttpStatus status, Stage stage, String message) {
        return new HandoverRefusedException(status, stage, message);
    }

    private Timer pauseTimer(String group, String outcome) {
        return Timer.builder("ficus.gateway.handover.pause")
                .description("How long a handover held the writes of its group, by outcome (done, aborted)")
                .tag("group", group).tag("outcome", outcome)
                .register(meters);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static long millis(Duration duration) {
        return duration == null ? 0 : duration.toMillis();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replicas", e);
        }
    }
}
