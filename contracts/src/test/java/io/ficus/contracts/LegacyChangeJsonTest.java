package io.ficus.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LegacyChangeJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void roundTripsATicketUpsertWithItsTypeDiscriminator() {
        var ticket = new TicketState(UUID.randomUUID(), UUID.randomUUID(), null, "Fix login", null,
                LocalDateTime.of(2026, 1, 2, 3, 4, 5), LocalDateTime.of(2025, 12, 1, 8, 0, 0),
                List.of(UUID.randomUUID()));
        var change = new LegacyChange(UUID.randomUUID(), EntityType.TICKET, ticket.id(), ChangeKind.UPSERTED,
                new SourcePosition(42L, 7L, Instant.parse("2026-01-01T00:00:00Z"), false), ticket);

        String text = json.writeValueAsString(change);

        assertThat(text).contains("\"type\":\"TICKET\"").contains("\"dueTime\":\"2026-01-02T03:04:05\"");
        assertThat(json.readValue(text, LegacyChange.class)).isEqualTo(change);
    }

    @Test
    void refusesAnUpsertWithoutState() {
        assertThatThrownBy(() -> new LegacyChange(UUID.randomUUID(), EntityType.TICKET, UUID.randomUUID(),
                ChangeKind.UPSERTED, new SourcePosition(1, 1, Instant.now(), false), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesEveryTopicName() {
        var topics = new Topics("t1.");
        assertThat(topics.legacyCdc("TKT_TICKET")).isEqualTo("t1.legacy.cdc.tkt_ticket");
        assertThat(topics.legacyChanges()).isEqualTo("t1.ticketing.legacy-changes");
        assertThat(Topics.standard().coreEvents()).isEqualTo("ticketing.core-events");
    }

    @Test
    void roundTripsEveryEntityStateOfACoreEvent() {
        var at = LocalDateTime.of(2026, 2, 3, 4, 5, 6);
        UUID project = UUID.randomUUID();
        List<EntityState> states = List.of(
                new UserState(UUID.randomUUID(), "Ada", "ada@example.com", "$2a$10$hash", at),
                new ProjectState(project, "Apollo", null, at),
                new MembershipState(UUID.randomUUID(), project, UUID.randomUUID(), MembershipRole.ADMIN,
                        MembershipStatus.ACCEPTED, at),
                new PhaseState(UUID.randomUUID(), project, "Backlog", 0, at));
        for (EntityState state : states) {
            var event = new CoreEvent(UUID.randomUUID(), state.entityType(), state.id(), 3, ChangeKind.UPSERTED,
                    Instant.parse("2026-02-03T04:05:06Z"), "req-1", state);
            assertThat(json.readValue(json.writeValueAsString(event), CoreEvent.class)).isEqualTo(event);
        }
    }

    @Test
    void neverShowsAPasswordHashInToString() {
        var user = new UserState(UUID.randomUUID(), "Ada", "ada@example.com", "$2a$10$secrethash", null);
        assertThat(user.toString()).doesNotContain("secrethash").contains("<redacted>");
    }

    @Test
    void roundTripsTheLegacyBasisOfACoreEventAndReadsEventsWithoutIt() {
        var project = new ProjectState(UUID.randomUUID(), "Apollo", null, LocalDateTime.of(2026, 2, 3, 4, 5, 6));
        var event = new CoreEvent(UUID.randomUUID(), EntityType.PROJECT, project.id(), 4, ChangeKind.UPSERTED,
                Instant.parse("2026-02-03T04:05:06Z"), null, project, 123456L, UUID.randomUUID());
        assertThat(json.readValue(json.writeValueAsString(event), CoreEvent.class)).isEqualTo(event);

        String withoutBasis = json.writeValueAsString(new CoreEvent(event.eventId(), EntityType.PROJECT, project.id(), 4,
                ChangeKind.UPSERTED, event.occurredAt(), null, project)).replace(",\"basedOnLegacyLsn\":null", "")
                .replace(",\"basedOnLegacyEventId\":null", "");
        assertThat(withoutBasis).doesNotContain("basedOn");
        assertThat(json.readValue(withoutBasis, CoreEvent.class).basedOnLegacyLsn()).isNull();
    }

    @Test
    void refusesHalfALegacyBasis() {
        assertThatThrownBy(() -> new CoreEvent(UUID.randomUUID(), EntityType.TICKET, UUID.randomUUID(), 1,
                ChangeKind.DELETED, Instant.now(), null, null, 42L, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
