package io.ficus.cdc;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.stereotype.Component;

/**
 * Watches the bridge's replication slot from the database's side: whether a client is
 * connected to it, and how much WAL it makes the legacy server keep
 * ({@code ficus.cdc.slot.retained} in bytes; it grows without bound while the bridge is
 * stopped and its slot is kept).
 */
@Component
@EnableScheduling
class SlotMonitor {

    private static final Logger log = LoggerFactory.getLogger(SlotMonitor.class);

    private final CdcProperties properties;
    private final AtomicLong retainedBytes = new AtomicLong(-1);
    private volatile boolean connected;

    private final TaskScheduler scheduler;

    SlotMonitor(CdcProperties properties, MeterRegistry meters, TaskScheduler scheduler) {
        this.properties = properties;
        this.scheduler = scheduler;
        Gauge.builder("ficus.cdc.slot.retained", retainedBytes, AtomicLong::get).baseUnit("bytes")
                .description("WAL the legacy server keeps for the bridge's replication slot (-1: unknown)").register(meters);
        Gauge.builder("ficus.cdc.slot.connected", this, m -> m.connected ? 1 : 0)
                .description("Whether a client streams from the bridge's replication slot").register(meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startChecking() {
        scheduler.scheduleWithFixedDelay(this::check, properties.slotCheckInterval());
    }

    void check() {
        var db = properties.database();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var s = c.prepareStatement("select active, (pg_current_wal_lsn() - restart_lsn)::bigint from pg_replication_slots where slot_name = ?")) {
            s.setString(1, properties.slotName());
            try (var rs = s.executeQuery()) {
                if (rs.next()) {
                    connected = rs.getBoolean(1);
                    retainedBytes.set(rs.getLong(2));
                } else {
                    connected = false;
                    retainedBytes.set(-1);
                }
            }
        } catch (SQLException e) {
            connected = false;
            log.warn("Cannot read the state of replication slot {}: {}", properties.slotName(), e.getMessage());
        }
    }

    boolean connected() {
        return connected;
    }

    long retainedBytes() {
        return retainedBytes.get();
    }
}
