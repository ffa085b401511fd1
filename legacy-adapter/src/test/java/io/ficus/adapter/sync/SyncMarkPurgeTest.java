package io.ficus.adapter.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.AdapterIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Echo marks are kept until CDC has passed their transactions, then purged; they hold full 64-bit ids. */
class SyncMarkPurgeTest extends AdapterIntegrationTest {

    @Autowired
    SyncMarks marks;
    @Autowired
    SyncMarkPurge purge;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    MeterRegistry meters;

    final String slot = "purge_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** Marks a transaction of its own and returns its full id. */
    long markedTransaction() {
        return transactions.execute(status -> {
            marks.markCurrentTransaction(UUID.randomUUID());
            return jdbc.sql("select pg_current_xact_id()::text::bigint").query(Long.class).single();
        });
    }

    boolean marked(long xid) {
        return jdbc.sql("select count(*) from ficus.sync_mark where xid = ?").param(xid).query(Long.class).single() == 1;
    }

    /** What cdc-bridge does as it streams: the slot confirms the WAL written so far. */
    void slotConfirmsEverythingWritten() {
        jdbc.sql("select pg_replication_slot_advance(?, pg_current_wal_insert_lsn())").param(slot).query((rs, n) -> 1).list();
    }

    @AfterEach
    void dropSlot() {
        jdbc.sql("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")
                .param(slot).query((rs, n) -> 1).list();
    }

    @Test
    void aMarkHoldsTheFullTransactionIdAndIsRecognisedByTheThirtyTwoBitIdThatCdcReports() {
        long full = markedTransaction();
        assertThat(full).isEqualTo(jdbc.sql("select xid from ficus.sync_mark where xid = ?").param(full).query(Long.class).single());
        long reported = full % (1L << 32);
        assertThat(marks.ownTransactions(List.of(reported, reported + 1))).containsExactly(reported);
    }

    @Test
    void aThirtyTwoBitIdIsWidenedToTheNearestFullIdAtOrBeforeTheNewestAcrossAnEpochBoundary() {
        long epoch5 = 5L << 32;
        // Just after wraparound: a small 32-bit id is of this epoch, a large one of the previous epoch.
        assertThat(SyncMarks.widen(3, epoch5 + 10)).isEqualTo(epoch5 + 3);
        assertThat(SyncMarks.widen((1L << 32) - 5, epoch5 + 10)).isEqualTo(epoch5 - 5);
        // The newest id itself, and an id that is already full.
        assertThat(SyncMarks.widen(10, epoch5 + 10)).isEqualTo(epoch5 + 10);
        assertThat(SyncMarks.widen(epoch5 - 5, epoch5 + 10)).isEqualTo(epoch5 - 5);
        // A 32-bit id equal to a mark's low bits but from an earlier epoch is a different transaction.
        assertThat(SyncMarks.widen(3, epoch5 + 2)).isEqualTo(epoch5 - (1L << 32) + 3);
    }

    @Test
    void marksAreKeptUntilTheSlotAndTheInboundConsumersHavePassedThemAndPurgedAfter() throws Exception {
        jdbc.sql("select pg_create_logical_replication_slot(?, 'pgoutput')").param(slot).query((rs, n) -> 1).list();
        purge.forget();
        long before = markedTransaction();

        // Horizon taken; the slot has not confirmed it yet: nothing goes, however often the job runs.
        purge.run();
        long after = markedTransaction();
        purge.run();
        purge.run();
        assertThat(marked(before)).as("a mark CDC has not passed").isTrue();

        // The slot confirms the horizon: the inbound topics' end offsets are taken, then the consumers have passed them.
        slotConfirmsEverythingWritten();
        purge.run();
        int deleted = purge.run();

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(marked(before)).as("a mark CDC has passed").isFalse();
        assertThat(marked(after)).as("a mark written after the horizon was taken").isTrue();
        assertThat(meters.get("ficus.adapter.sync.marks").gauge().value())
                .isEqualTo((double) jdbc.sql("select count(*) from ficus.sync_mark").query(Long.class).single());
        assertThat(meters.get("ficus.adapter.sync.marks.purged").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutAReplicationSlotNoMarkIsPurged() throws Exception {
        purge.forget();
        long mark = markedTransaction();
        for (int i = 0; i < 4; i++) {
            purge.run();
        }
        assertThat(marked(mark)).isTrue();
    }
}
