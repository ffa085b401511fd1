package io.ficus.adapter.fence;

import io.ficus.adapter.AdapterProperties;
import io.ficus.adapter.reconcile.CoreDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sync watermark: waits until every change committed in one system before the call has been
 * applied in the other, stage by stage, each polled with a short growing pause and all of them
 * within one deadline. See the package documentation for the stages and why each is sufficient.
 */
@Service
public class SyncFence {

    /** The heartbeat-table row the fence writes (row 1 is cdc-bridge's own heartbeat). */
    static final int FENCE_ROW = 2;
    static final String CORE_EVENT_TYPE = "io.ficus.contracts.CoreEvent";
    /** Publications complete in rounds: a cascade's publication, once complete, may have published others. */
    static final int PUBLICATION_ROUNDS = 3;

    static final String LEGACY_FENCE_ROW = "legacy-fence-row";
    static final String CDC_BRIDGE = "cdc-bridge";
    static final String ADAPTER_INBOUND = "adapter-inbound";
    static final String CORE_APPLY = "core-apply";
    static final String CORE_PUBLICATIONS = "core-publications";
    static final String ADAPTER_OUTBOUND = "adapter-outbound";

    private final JdbcClient legacy;
    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final FenceProperties properties;
    private final CoreDatabase coreDb;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final List<String> inboundTopics;
    private final List<String> outboundTopics;
    private final String legacyChangesTopic;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile Admin admin;

    SyncFence(JdbcClient legacy, KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners, FenceProperties properties,
              CoreDatabase coreDb, AdapterProperties adapter, JsonMapper json, MeterRegistry meters,
              @Qualifier("inboundTopics") String[] inboundTopics, @Qualifier("outboundTopics") String[] outboundTopics) {
        this.legacy = legacy;
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.properties = properties;
        this.coreDb = coreDb;
        this.json = json;
        this.meters = meters;
        this.inboundTopics = List.of(inboundTopics);
        this.outboundTopics = List.of(outboundTopics);
        this.legacyChangesTopic = adapter.topics().legacyChanges();
    }

    /** The timeout a request asked for ({@code null}: the default), capped to the maximum. */
    public Duration timeout(Duration requested) {
        if (requested == null) {
            return properties.defaultTimeout();
        }
        return requested.compareTo(properties.maxTimeout()) > 0 ? properties.maxTimeout() : requested;
    }

    /**
     * Waits until every change committed in the source of {@code direction} before this call is
     * applied in its destination.
     *
     * @throws FenceFailedException when a stage does not complete within {@code timeout}, or cannot be checked
     */
    public FenceResult await(Direction direction, Duration timeout) {
        var run = new Run(direction, System.nanoTime(), System.nanoTime() + timeout.toNanos());
        String outcome = "failed";
        try {
            if (direction == Direction.LEGACY_TO_CORE) {
                Instant fence = run.stage(LEGACY_FENCE_ROW, this::writeFenceRow);
                run.stage(CDC_BRIDGE, () -> poll(run, CDC_BRIDGE, () -> bridgeAcknowledged(fence) ? Boolean.TRUE : null));
                run.stage(ADAPTER_INBOUND, () -> consumed(run, ADAPTER_INBOUND, groupOf("legacy-adapter-inbound"), inboundTopics));
                run.stage(CORE_APPLY, () -> consumed(run, CORE_APPLY, properties.coreConsumerGroup(), List.of(legacyChangesTopic)));
            } else {
                run.stage(CORE_PUBLICATIONS, () -> publicationsCompleted(run));
                run.stage(ADAPTER_OUTBOUND, () -> consumed(run, ADAPTER_OUTBOUND, groupOf("legacy-adapter-outbound"), outboundTopics));
            }
            outcome = "ok";
            return new FenceResult(direction, run.elapsedMillis(), List.copyOf(run.stages));
        } catch (FenceFailedException e) {
            outcome = e.timedOut() ? "timeout" : "failed";
            throw e;
        } finally {
            Timer.builder("ficus.adapter.fence")
                    .description("Sync fences: how long each waited, by direction and outcome (ok, timeout, failed)")
                    .tag("direction", direction.name())
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - run.start, TimeUnit.NANOSECONDS);
        }
    }

    /** Row {@value #FENCE_ROW} of the heartbeat table, set to a value above every earlier fence's, committed. */
    private Instant writeFenceRow() {
        return legacy.sql("""
                insert into ficus_cdc.heartbeat (id, beat_at) values (:id, clock_timestamp())
                on conflict (id) do update
                    set beat_at = greatest(heartbeat.beat_at + interval '1 microsecond', clock_timestamp())
                returning beat_at
                """).param("id", FENCE_ROW).query(OffsetDateTime.class).single().toInstant();
    }

    private boolean bridgeAcknowledged(Instant fence) throws Exception {
        var request = HttpRequest.newBuilder(properties.cdcBridgeUrl().resolve("/ficus/position"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cdc-bridge answered " + response.statusCode() + " at /ficus/position");
        }
        JsonNode value = json.readTree(response.body()).path("heartbeats").path(Integer.toString(FENCE_ROW)).path("value");
        return value.isString() && !Instant.parse(value.asString()).isBefore(fence);
    }

    private String groupOf(String listenerId) {
        var container = listeners.getListenerContainer(listenerId);
        if (container == null) {
            throw new IllegalStateException("no listener " + listenerId);
        }
        return container.getGroupId();
    }

    /**
     * Takes the log-end offsets of {@code topics} now and waits until {@code group} has committed
     * offsets at or past them (a partition it never committed counts from its log start).
     */
    private Object consumed(Run run, String stage, String group, List<String> topics) throws Exception {
        Admin kafka = admin();
        Set<TopicPartition> partitions = new HashSet<>();
        kafka.describeTopics(topics).allTopicNames().get(run.remainingMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        Map<TopicPartition, Long> end = offsets(kafka, partitions, OffsetSpec.latest(), run);
        Map<TopicPartition, Long> start = offsets(kafka, partitions, OffsetSpec.earliest(), run);
        return poll(run, stage, () -> {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(run.remainingMillis(), TimeUnit.MILLISECONDS);
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata at = committed.get(tp);
                long position = at != null ? at.offset() : start.get(tp);
                if (position < end.get(tp)) {
                    return null;
                }
            }
            return Boolean.TRUE;
        });
    }

    private static Map<TopicPartition, Long> offsets(Admin kafka, Set<TopicPartition> partitions, OffsetSpec spec, Run run)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        kafka.listOffsets(request).all().get(run.remainingMillis(), TimeUnit.MILLISECONDS)
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    /**
     * Every publication of the core's registry that was incomplete when the fence started is
     * completed (a {@code CoreEvent} publication completes only once Kafka acknowledged the
     * event). When those included follow-ups (cascades), which may publish further events as they
     * complete, the publications incomplete at that moment are waited for too, up to
     * {@value #PUBLICATION_ROUNDS} rounds.
     */
    private Object publicationsCompleted(Run run) throws Exception {
        try (Connection core = coreDb.connection()) {
            for (int round = 0; round < PUBLICATION_ROUNDS; round++) {
                Map<UUID, String> incomplete = incompletePublications(core);
                if (incomplete.isEmpty()) {
                    break;
                }
                UUID[] ids = incomplete.keySet().toArray(UUID[]::new);
                poll(run, CORE_PUBLICATIONS, () -> stillIncomplete(core, ids) == 0 ? Boolean.TRUE : null);
                if (incomplete.values().stream().allMatch(CORE_EVENT_TYPE::equals)) {
                    break;
                }
            }
            // Every integration event committed so far (the follow-ups' too, now that their publications completed) is in
            // the core's outbox until Kafka acknowledged it: wait until the outbox holds none up to its newest id now.
            Long newest = newestOutboxId(core);
            if (newest != null) {
                poll(run, CORE_PUBLICATIONS, () -> outboxHoldsUpTo(core, newest) ? null : Boolean.TRUE);
            }
        }
        return Boolean.TRUE;
    }

    /** The newest id of the core's outbox of integration events, or null when it is empty or the core has none. */
    private static Long newestOutboxId(Connection core) throws SQLException {
        try (var exists = core.prepareStatement("select to_regclass('core_event_outbox') is not null");
             var rs = exists.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                return null;
            }
        }
        try (var s = core.prepareStatement("select max(id) from core_event_outbox"); var rs = s.executeQuery()) {
            rs.next();
            long newest = rs.getLong(1);
            return rs.wasNull() ? null : newest;
        }
    }

    private static boolean outboxHoldsUpTo(Connection core, long newest) throws SQLException {
        try (var s = core.prepareStatement("select exists (select 1 from core_event_outbox where id <= ?)")) {
            s.setLong(1, newest);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static Map<UUID, String> incompletePublications(Connection core) throws SQLException {
        Map<UUID, String> incomplete = new HashMap<>();
        try (var s = core.prepareStatement("select id, event_type from event_publication where completion_date is null");
             var rs = s.executeQuery()) {
            while (rs.next()) {
                incomplete.put(rs.getObject(1, UUID.class), rs.getString(2));
            }
        }
        return incomplete;
    }

    private static long stillIncomplete(Connection core, UUID[] ids) throws SQLException {
        try (var s = core.prepareStatement("select count(*) from event_publication where id = any(?) and completion_date is null")) {
            s.setArray(1, core.createArrayOf("uuid", ids));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Checks until {@code check} answers non-null, pausing between checks; a check that throws is retried too. */
    private <T> T poll(Run run, String stage, Check<T> check) {
        long pause = Math.max(1, properties.minBackoff().toMillis());
        Exception last = null;
        while (true) {
            try {
                T result = check.get();
                if (result != null) {
                    return result;
                }
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw run.failed(stage, false, "interrupted", e);
            } catch (Exception e) {
                last = e;
            }
            long remaining = run.remainingMillis();
            if (remaining <= 0) {
                throw run.failed(stage, true, "stage " + stage + " did not complete within " + run.timeoutMillis() + " ms"
                        + (last != null ? " (last check failed: " + describe(last) + ")" : ""), last);
            }
            try {
                Thread.sleep(Math.min(pause, remaining));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw run.failed(stage, false, "interrupted", e);
            }
            pause = Math.min(pause * 2, Math.max(1, properties.maxBackoff().toMillis()));
        }
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(kafkaAdmin.getConfigurationProperties());
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    @FunctionalInterface
    private interface Check<T> {
        T get() throws Exception;
    }

    /** One fence's clock and completed stages. */
    private final class Run {

        final Direction direction;
        final long start;
        final long deadline;
        final List<FenceResult.Stage> stages = new ArrayList<>();

        Run(Direction direction, long start, long deadline) {
            this.direction = direction;
            this.start = start;
            this.deadline = deadline;
        }

        <T> T stage(String name, Check<T> body) {
            long began = System.nanoTime();
            T result;
            try {
                result = body.get();
            } catch (FenceFailedException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                boolean timedOut = e instanceof java.util.concurrent.TimeoutException || remainingMillis() <= 0;
                throw failed(name, timedOut, "stage " + name + (timedOut ? " did not complete within " + timeoutMillis() + " ms: "
                        : " failed: ") + describe(e), e);
            }
            stages.add(new FenceResult.Stage(name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)));
            return result;
        }

        long remainingMillis() {
            return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        }

        long timeoutMillis() {
            return TimeUnit.NANOSECONDS.toMillis(deadline - start);
        }

        long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }

        FenceFailedException failed(String stage, boolean timedOut, String message, Throwable cause) {
            return new FenceFailedException(direction, stage, timedOut, elapsedMillis(), stages, message, cause);
        }
    }
}
