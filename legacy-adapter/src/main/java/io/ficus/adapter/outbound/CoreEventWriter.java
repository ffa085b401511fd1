package io.ficus.adapter.outbound;

import io.ficus.adapter.sync.AppliedVersions;
import io.ficus.adapter.sync.SyncMarks;
import io.ficus.contracts.CoreEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Writes one core event into the legacy: version guard, echo mark and rows in one transaction. */
@Service
public class CoreEventWriter {

    private final AppliedVersions versions;
    private final SyncMarks marks;
    private final LegacyRowWriter rows;
    private final Counter written;
    private final Counter skipped;

    CoreEventWriter(AppliedVersions versions, SyncMarks marks, LegacyRowWriter rows, MeterRegistry meters) {
        this.versions = versions;
        this.marks = marks;
        this.rows = rows;
        this.written = Counter.builder("ficus.adapter.outbound.written")
                .description("Core events written into the legacy database").register(meters);
        this.skipped = Counter.builder("ficus.adapter.outbound.skipped")
                .description("Core events not written: repeated, or older than what was written").register(meters);
    }

    /** @return whether the event was written (false: a repeat or older than the legacy's state) */
    @Transactional
    boolean write(CoreEvent event) {
        if (!versions.advance(event)) {
            skipped.increment();
            return false;
        }
        marks.markCurrentTransaction(event.eventId());
        rows.write(event);
        written.increment();
        return true;
    }

    /**
     * Writes the event's state into the legacy whatever was written before (repair), in a
     * marked transaction, and records its version as written unless a newer one was.
     */
    @Transactional
    public void overwrite(CoreEvent event) {
        versions.advance(event);
        marks.markCurrentTransaction(event.eventId());
        rows.write(event);
        written.increment();
    }
}
