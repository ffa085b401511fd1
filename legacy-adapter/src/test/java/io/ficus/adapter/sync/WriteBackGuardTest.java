package io.ficus.adapter.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.sync.WriteBackGuard.CoreSide;
import io.ficus.adapter.sync.WriteBackGuard.Decision;
import io.ficus.adapter.sync.WriteBackGuard.LegacyRow;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WriteBackGuardTest {

    static final UUID ID = UUID.fromString("0b4f3c7e-7f6e-4d1a-9b8e-3f1c2d4e5a6b");
    static final Instant CORE_AT = Instant.parse("2026-12-01T10:00:00Z");
    static final long EPOCH_3 = 3L << 32;

    static CoreSide core(Long lsn, UUID eventId) {
        return new CoreSide("tkt_ticket", ID, lsn, eventId, CORE_AT);
    }

    @Test
    void writesWhenTheRowDoesNotExist() {
        assertThat(WriteBackGuard.decide(null, null, EPOCH_3 + 100, core(null, null))).isEqualTo(Decision.WRITE_ABSENT);
    }

    @Test
    void writesOverTheAdaptersOwnLastWriteBackEvenInALaterXidEpoch() {
        long own = EPOCH_3 + 4_000_000_000L;
        long current = own + 500_000_000L; // wrapped past 2^32: the row keeps only the low 32 bits
        var row = new LegacyRow(own & 0xFFFF_FFFFL, CORE_AT.plusSeconds(60));
        assertThat(WriteBackGuard.decide(row, own, current, core(null, null))).isEqualTo(Decision.WRITE_OWN);
    }

    @Test
    void doesNotMistakeATransactionOfAnotherEpochWithTheSameLowBitsForItsOwnWrite() {
        long own = EPOCH_3 + 7;
        long current = own + (1L << 32) + 10; // the same 32-bit id came round again, written by someone else
        var row = new LegacyRow(7, CORE_AT.plusSeconds(60));
        assertThat(WriteBackGuard.decide(row, own, current, core(null, null))).isEqualTo(Decision.SKIP_CONFLICT_LEGACY_NEWER);
    }

    @Test
    void writesOverTheLegacyChangeTheCoreEventWasBasedOn() {
        long legacyXid = 771;
        UUID basedOn = WriteBackGuard.legacyEventId("tkt_ticket", ID, "u", 24023928L, legacyXid);
        var row = new LegacyRow(legacyXid, CORE_AT.minusSeconds(1));
        assertThat(WriteBackGuard.decide(row, EPOCH_3 + 5, EPOCH_3 + 900, core(24023928L, basedOn)))
                .isEqualTo(Decision.WRITE_BASED_ON);
    }

    @Test
    void skipsWhenTheLegacyRowChangedAfterTheBasisAndLaterThanTheCoreChange() {
        UUID basedOn = WriteBackGuard.legacyEventId("tkt_ticket", ID, "u", 24023928L, 771);
        var row = new LegacyRow(772, CORE_AT.plusMillis(1));
        assertThat(WriteBackGuard.decide(row, EPOCH_3 + 5, EPOCH_3 + 900, core(24023928L, basedOn)))
                .isEqualTo(Decision.SKIP_CONFLICT_LEGACY_NEWER);
    }

    @Test
    void writesAConflictWhenTheCoreChangeCommittedLater() {
        var row = new LegacyRow(772, CORE_AT.minusMillis(1));
        Decision decision = WriteBackGuard.decide(row, EPOCH_3 + 5, EPOCH_3 + 900, core(null, null));
        assertThat(decision).isEqualTo(Decision.WRITE_CONFLICT_CORE_NEWER);
        assertThat(decision.conflict()).isTrue();
        assertThat(decision.writes()).isTrue();
    }

    @Test
    void countsALegacyWriterOfUnknownCommitTimeAsOlder() {
        var row = new LegacyRow(772, null);
        assertThat(WriteBackGuard.decide(row, null, EPOCH_3 + 900, core(null, null))).isEqualTo(Decision.WRITE_CONFLICT_CORE_NEWER);
    }

    @Test
    void aBasisOfAnotherEntityOrPositionDoesNotExplainTheRowsWriter() {
        UUID otherEntity = WriteBackGuard.legacyEventId("tkt_ticket", UUID.randomUUID(), "u", 24023928L, 771);
        UUID otherLsn = WriteBackGuard.legacyEventId("tkt_ticket", ID, "u", 24023929L, 771);
        var row = new LegacyRow(771, CORE_AT.plusSeconds(1));
        assertThat(WriteBackGuard.decide(row, null, EPOCH_3 + 900, core(24023928L, otherEntity)))
                .isEqualTo(Decision.SKIP_CONFLICT_LEGACY_NEWER);
        assertThat(WriteBackGuard.decide(row, null, EPOCH_3 + 900, core(24023928L, otherLsn)))
                .isEqualTo(Decision.SKIP_CONFLICT_LEGACY_NEWER);
    }

    @Test
    void widensA32BitXidToTheNearestFullIdAtOrBeforeTheCurrentOne() {
        assertThat(WriteBackGuard.fullXid(10, EPOCH_3 + 20)).isEqualTo(EPOCH_3 + 10);
        assertThat(WriteBackGuard.fullXid(0xFFFF_FFF0L, EPOCH_3 + 20)).isEqualTo(EPOCH_3 - 16);
        assertThat(WriteBackGuard.fullXid(20, EPOCH_3 + 20)).isEqualTo(EPOCH_3 + 20);
    }
}
