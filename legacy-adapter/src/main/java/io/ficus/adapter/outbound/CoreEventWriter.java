package io.ficus.adapter.outbound;

import io.ficus.adapter.inbound.LegacyRows;
import io.ficus.adapter.sync.AppliedVersions;
import io.ficus.adapter.sync.LegacyRowWriters;
import io.ficus.adapter.sync.SyncMarks;
import io.ficus.adapter.sync.WriteBackGuard;
import io.ficus.adapter.sync.WriteBackGuard.Decision;
import io.ficus.contracts.CoreEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.EntityType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes core events into the legacy: version guard, write-back guard, echo mark and rows in one transaction, for one
 * event or for the events of one poll.
 */
@Service
public class CoreEventWriter {

    private static final Logger log = LoggerFactory.getLogger(CoreEventWriter.class);

    private final AppliedVersions versions;
    private final SyncMarks marks;
    private final LegacyRowWriters writers;
    private final LegacyRowWriter rows;
    private final MeterRegistry meters;
    private final Counter written;
    private final Counter skipped;

    CoreEventWriter(AppliedVersions versions, SyncMarks marks, LegacyRowWriters writers, LegacyRowWriter rows, MeterRegistry meters) {
        this.versions = versions;
        this.marks = marks;
        this.writers = writers;
        this.rows = rows;
        this.meters = meters;
        this.written = Counter.builder("ficus.adapter.outbound.written")
                .description("Core events written into the legacy database").register(meters);
        this.skipped = Counter.builder("ficus.adapter.outbound.skipped")
                .description("Core events not written: repeated, older than what was written, or older than a legacy change the core did not see")
                .register(meters);
    }

    /**
     * @return whether the event was written (false: a repeat, older than what was written, or a
     *         conflict the legacy's newer change won)
     */
    @Transactional
    boolean write(CoreEvent event) {
        return write(event, new WritingTransaction());
    }

    /**
     * Writes {@code events} in their order in one transaction, with one echo mark: each exactly as {@link #write} would
     * in a transaction of its own (a later event of an entity written earlier in the same transaction finds the row
     * written by the adapter's own last write-back, as it would after that one committed), but with a few round trips
     * for the whole poll instead of four per event: the recorded versions and the legacy rows of the poll's entities are
     * read and locked in one statement per entity type, the guards decided in memory, the rows written in JDBC batches
     * and the new versions recorded in one. A poll with a deletion that removes rows (a project, membership or phase,
     * whose removal the legacy schema may cascade to other rows) is written event by event as {@link #write} does.
     *
     * @return how many were written
     */
    @Transactional
    int writeAll(List<CoreEvent> events) {
        if (events.stream().anyMatch(CoreEventWriter::removesRows)) {
            var transaction = new WritingTransaction();
            int count = 0;
            for (CoreEvent event : events) {
                if (write(event, transaction)) {
                    count++;
                }
            }
            return count;
        }
        Map<EntityType, Set<UUID>> ids = new EnumMap<>(EntityType.class);
        for (CoreEvent event : events) {
            ids.computeIfAbsent(event.aggregateType(), t -> new TreeSet<>()).add(event.aggregateId());
        }
        Map<Key, AppliedVersions.Applied> applied = new HashMap<>();
        Map<Key, WriteBackGuard.LegacyRow> found = new HashMap<>();
        ids.forEach((type, of) -> versions.lockAll(type, of).forEach((id, a) -> applied.put(new Key(type, id), a)));
        ids.forEach((type, of) -> writers.lockAll(type, of).forEach((id, row) -> found.put(new Key(type, id), row)));
        long xid = writers.currentXid();
        Set<Key> writtenHere = new HashSet<>();
        Map<Key, AppliedVersions.Advance> advances = new LinkedHashMap<>();
        List<CoreEvent> toWrite = new ArrayList<>(events.size());
        for (CoreEvent event : events) {
            Key key = new Key(event.aggregateType(), event.aggregateId());
            AppliedVersions.Applied before = applied.get(key);
            if (before != null && before.version() >= event.version()) {
                skipped.increment();
                continue;
            }
            Long lastWrite = before == null ? null : before.lastWrite();
            Decision decision;
            if (writtenHere.contains(key)) {
                // Written earlier in this transaction: the row is the adapter's own last write-back.
                decision = Decision.WRITE_OWN;
            } else {
                var row = found.get(key);
                decision = WriteBackGuard.decide(row, lastWrite, row == null ? 0 : xid,
                        new WriteBackGuard.CoreSide(LegacyRows.of(event.aggregateType()).table(), event.aggregateId(),
                                event.basedOnLegacyLsn(), event.basedOnLegacyEventId(), event.occurredAt()));
            }
            if (decision.conflict()) {
                conflict(event, decision);
            }
            if (decision.writes()) {
                writtenHere.add(key);
                lastWrite = xid;
                toWrite.add(event);
            } else {
                skipped.increment();
            }
            applied.put(key, new AppliedVersions.Applied(event.version(), lastWrite));
            advances.put(key, new AppliedVersions.Advance(event.aggregateType(), event.aggregateId(), event.version(),
                    event.eventId(), writtenHere.contains(key) ? xid : null));
        }
        if (!toWrite.isEmpty()) {
            marks.markCurrentTransaction(toWrite.get(0).eventId());
            rows.writeAll(toWrite);
            written.increment(toWrite.size());
        }
        versions.recordAll(advances.values());
        return toWrite.size();
    }

    /** An entity of the legacy. */
    private record Key(EntityType type, UUID id) {
    }

    /** A deletion that removes the legacy row (users and tickets are only flagged deleted). */
    private static boolean removesRows(CoreEvent event) {
        return event.kind() == ChangeKind.DELETED
                && event.aggregateType() != EntityType.USER && event.aggregateType() != EntityType.TICKET;
    }

    /** What the writing transaction needs to know once: its full id, and whether its echo mark is written. */
    private static final class WritingTransaction {
        Long xid;
        boolean marked;
    }

    private boolean write(CoreEvent event, WritingTransaction transaction) {
        var advanced = versions.advanceReturningLastWrite(event);
        if (advanced == null) {
            skipped.increment();
            return false;
        }
        var row = writers.lock(event.aggregateType(), event.aggregateId());
        if (row != null && transaction.xid == null) {
            transaction.xid = writers.currentXid();
        }
        Decision decision = WriteBackGuard.decide(row, advanced.lastWrite(), row == null ? 0 : transaction.xid,
                new WriteBackGuard.CoreSide(LegacyRows.of(event.aggregateType()).table(), event.aggregateId(),
                        event.basedOnLegacyLsn(), event.basedOnLegacyEventId(), event.occurredAt()));
        if (decision.conflict()) {
            conflict(event, decision);
        }
        if (!decision.writes()) {
            skipped.increment();
            return false;
        }
        writeRows(event, transaction);
        return true;
    }

    /**
     * Writes the event's state into the legacy whatever was written before (repair), in a
     * marked transaction, and records its version as written unless a newer one was.
     */
    @Transactional
    public void overwrite(CoreEvent event) {
        versions.advance(event);
        writeRows(event, new WritingTransaction());
    }

    private void writeRows(CoreEvent event, WritingTransaction transaction) {
        if (!transaction.marked) {
            marks.markCurrentTransaction(event.eventId());
            transaction.marked = true;
        }
        rows.write(event);
        versions.wroteInCurrentTransaction(event.aggregateType(), event.aggregateId());
        written.increment();
    }

    private void conflict(CoreEvent event, Decision decision) {
        String resolution = decision == Decision.SKIP_CONFLICT_LEGACY_NEWER ? "legacy-newer" : "core-newer";
        Counter.builder("ficus.adapter.conflicts")
                .description("Write-backs of core events over a legacy row changed by a legacy change the core had not seen; "
                        + "resolution: which side committed later and won")
                .tag("type", event.aggregateType().name())
                .tag("resolution", resolution)
                .register(meters)
                .increment();
        log.warn("Write-back conflict on {} {}: the legacy row changed after the state core version {} was based on; "
                        + "{} ({})", event.aggregateType(), event.aggregateId(), event.version(),
                decision == Decision.SKIP_CONFLICT_LEGACY_NEWER
                        ? "the legacy change is newer and kept, it reaches the core through CDC"
                        : "the core change is newer and written", resolution);
    }
}
