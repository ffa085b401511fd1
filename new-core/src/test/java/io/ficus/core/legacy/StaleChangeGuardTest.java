package io.ficus.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.SourcePosition;
import io.ficus.core.legacy.CoreChangeTimes.CoreChange;
import io.ficus.core.legacy.StaleChangeGuard.Decision;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StaleChangeGuardTest {

    static final Instant CORE = Instant.parse("2026-12-02T00:00:00Z");
    static final UUID ID = UUID.randomUUID();

    static LegacyChange change(ChangeKind kind, Instant committed) {
        return new LegacyChange(UUID.randomUUID(), EntityType.PROJECT, ID, kind, new SourcePosition(10, 10, committed, false),
                kind == ChangeKind.DELETED ? null : new ProjectState(ID, "p", null, null));
    }

    @Test
    void appliesWhenTheCoreNeverChangedTheAggregateOrTheLegacyCommittedAfterIt() {
        assertThat(StaleChangeGuard.decide(null, change(ChangeKind.UPSERTED, CORE.minusSeconds(5)), true))
                .isEqualTo(Decision.APPLY);
        assertThat(StaleChangeGuard.decide(new CoreChange(3, CORE), change(ChangeKind.UPSERTED, CORE.plusNanos(1000)), true))
                .isEqualTo(Decision.APPLY);
    }

    @Test
    void aChangeCommittedAtOrBeforeTheCoresIsStaleAndTheLaterCoreChangeWinsWhoeverOwnsTheGroup() {
        var last = new CoreChange(3, CORE);
        assertThat(StaleChangeGuard.decide(last, change(ChangeKind.UPSERTED, CORE), true)).isEqualTo(Decision.KEEP_CONFLICT_CORE_NEWER);
        assertThat(StaleChangeGuard.decide(last, change(ChangeKind.UPSERTED, CORE.minusMillis(1)), false))
                .isEqualTo(Decision.KEEP_CONFLICT_CORE_NEWER);
        assertThat(StaleChangeGuard.decide(last, change(ChangeKind.UPSERTED, null), true))
                .as("an unknown commit time counts as earlier, as in legacy-adapter").isEqualTo(Decision.KEEP_CONFLICT_CORE_NEWER);
    }

    @Test
    void aStaleDeletionIsAppliedAndPublishedWhoeverOwnsTheGroup() {
        Decision decision = StaleChangeGuard.decide(new CoreChange(3, CORE), change(ChangeKind.DELETED, CORE.minusSeconds(1)), true);
        assertThat(decision).isEqualTo(Decision.APPLY_CONFLICT_DELETION);
        assertThat(decision.applies()).isTrue();
        assertThat(decision.republishes()).isTrue();
    }
}
