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
import java.util.List;
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
     * written by the adapter's own last write-back, as it would after that one committed), but with one commit and a
     * few round trips per event.
     *
     * @return how many were written
     */
    @Transactional
    int writeAll(List<CoreEvent> events) {
        var transaction = new WritingTransaction();
        int count = 0;
        for (CoreEvent event : events) {
            if (write(event, transaction)) {
                count++;
            }
        }
        return count;
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
