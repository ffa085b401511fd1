package io.ficus.adapter.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Deletes echo marks once CDC has passed them, on Spring's {@link TaskScheduler} every
 * {@code ficus.adapter.sync-marks.purge-interval}.
 *
 * <p>A mark may go once no change of its transaction can still reach the adapter's inbound side.
 * Each run advances one step of a <em>horizon</em>:
 * <ol>
 * <li>take the horizon: the oldest transaction still running ({@code pg_snapshot_xmin}, a full
 * 64-bit id; every transaction before it has ended) and the current WAL position;</li>
 * <li>once every logical replication slot of the legacy database has confirmed that position
 * (cdc-bridge confirms a position only after Kafka acknowledged everything before it), every change
 * of a transaction before the horizon is in Kafka: take the log-end offsets of the inbound topics;</li>
 * <li>once the inbound listener's consumer group has committed those offsets, every such change has
 * been translated (or dropped as an echo): delete the marks below the horizon's transaction id.</li>
 * </ol>
 * Full ids only grow, so the horizon is correct across transaction-id wraparound. Without a slot on
 * the database nothing is purged (nothing could tell that CDC passed a mark); a slot that stops
 * confirming (a bridge gone for good) stops the purge too, as it stops WAL recycling. The number of
 * marks kept is the gauge {@code ficus.adapter.sync.marks} (as of the last run); deleted marks count
 * in {@code ficus.adapter.sync.marks.purged}.
 */
@Component
public class SyncMarkPurge {

    private static final Logger log = LoggerFactory.getLogger(SyncMarkPurge.class);
    private static final String INBOUND_LISTENER = "legacy-adapter-inbound";
    private static final long TIMEOUT_SECONDS = 10;

    private final JdbcClient jdbc;
    private final KafkaAdmin kafkaAdmin;
    private final KafkaListenerEndpointRegistry listeners;
    private final List<String> inboundTopics;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final AtomicLong kept = new AtomicLong(-1);
    private final Counter purged;
    private Horizon horizon;
    private Admin admin;
    private ScheduledFuture<?> schedule;

    /**
     * A purge in progress.
     *
     * @param xmin   full id of the oldest transaction running when it was taken: marks below go
     * @param walLsn the WAL position then
     * @param end    the inbound topics' log-end offsets once the slots confirmed {@code walLsn}; null before
     */
    record Horizon(long xmin, String walLsn, Map<TopicPartition, Long> end) {
    }

    SyncMarkPurge(JdbcClient jdbc, KafkaAdmin kafkaAdmin, KafkaListenerEndpointRegistry listeners,
                  @Qualifier("inboundTopics") String[] inboundTopics, TaskScheduler scheduler, SyncMarkProperties properties,
                  MeterRegistry meters) {
        this.jdbc = jdbc;
        this.kafkaAdmin = kafkaAdmin;
        this.listeners = listeners;
        this.inboundTopics = List.of(inboundTopics);
        this.scheduler = scheduler;
        this.interval = properties.purgeInterval();
        Gauge.builder("ficus.adapter.sync.marks", kept, AtomicLong::get)
                .description("Echo marks kept in the legacy database (as of the last purge run; -1 before the first)")
                .register(meters);
        this.purged = Counter.builder("ficus.adapter.sync.marks.purged")
                .description("Echo marks deleted after CDC passed their transactions").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSchedule() {
        schedule = scheduler.scheduleWithFixedDelay(this::runSafely, java.time.Instant.now().plus(interval), interval);
    }

    private void runSafely() {
        try {
            run();
        } catch (Exception e) {
            log.warn("Echo mark purge did not run: {}", e.toString());
        }
    }

    /** One step of the purge (see the class documentation); returns how many marks it deleted. */
    public synchronized int run() throws Exception {
        int deleted = 0;
        if (horizon == null) {
            horizon = jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint, pg_current_wal_insert_lsn()::text")
                    .query((rs, n) -> new Horizon(rs.getLong(1), rs.getString(2), null)).single();
        } else if (horizon.end() == null) {
            if (slotsConfirmed(horizon.walLsn())) {
                horizon = new Horizon(horizon.xmin(), horizon.walLsn(), endOffsets());
            }
        } else if (consumed(horizon.end())) {
            long below = horizon.xmin();
            deleted = jdbc.sql("delete from ficus.sync_mark where xid < ?").param(below).update();
            purged.increment(deleted);
            horizon = null;
            log.debug("Purged {} echo marks below transaction {}", deleted, below);
        }
        kept.set(jdbc.sql("select count(*) from ficus.sync_mark").query(Long.class).single());
        return deleted;
    }

    /** Whether every logical slot of this database confirmed {@code lsn}; false without a slot. */
    private boolean slotsConfirmed(String lsn) {
        return Boolean.TRUE.equals(jdbc.sql("""
                        select count(*) > 0 and bool_and(confirmed_flush_lsn >= ?::pg_lsn)
                        from pg_replication_slots where database = current_database() and slot_type = 'logical'
                        """)
                .param(lsn).query(Boolean.class).single());
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Admin kafka = admin();
        Set<TopicPartition> partitions = new HashSet<>();
        kafka.describeTopics(inboundTopics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((topic, description) -> description.partitions()
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        Map<TopicPartition, Long> end = new HashMap<>();
        kafka.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /** Whether the inbound listener's group committed at least {@code end} on every partition (an empty one needs none). */
    private boolean consumed(Map<TopicPartition, Long> end) throws Exception {
        var container = listeners.getListenerContainer(INBOUND_LISTENER);
        if (container == null) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(container.getGroupId())
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, Long> start = new HashMap<>();
        admin().listOffsets(end.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.earliest())))
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, info) -> start.put(tp, info.offset()));
        for (var partition : end.entrySet()) {
            OffsetAndMetadata at = committed.get(partition.getKey());
            long position = at != null ? at.offset() : start.getOrDefault(partition.getKey(), 0L);
            if (position < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Drops the purge in progress, so that the next run takes a new horizon. */
    synchronized void forget() {
        horizon = null;
    }

    /** Marks kept as of the last run; -1 before the first. */
    public long kept() {
        return kept.get();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (schedule != null) {
            schedule.cancel(false);
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
