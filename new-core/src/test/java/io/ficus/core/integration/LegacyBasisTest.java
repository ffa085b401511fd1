package io.ficus.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.SourcePosition;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.Topics;
import io.ficus.core.CoreTest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

/** An integration event names the last legacy change the core had applied to its aggregate. */
class LegacyBasisTest extends CoreTest {

    @Autowired
    KafkaTemplate<String, String> kafka;

    List<CoreEvent> eventsOf(String aggregateId) {
        return coreEvents().stream().filter(r -> r.key().equals(aggregateId)).map(r -> json.readValue(r.value(), CoreEvent.class))
                .sorted(Comparator.comparingLong(CoreEvent::version)).toList();
    }

    @Test
    void aChangeOfAnAggregateLastChangedInTheLegacyIsBasedOnThatLegacyChange() throws Exception {
        Account a = newAccount();
        String project = defaultProject(a);
        String ticket = createTicket(a, project, "made in the core");
        String phase = get("/api/tickets/" + ticket, a).expect(200).body().path("phaseId").asString();
        await().until(() -> eventsOf(ticket).size() == 1);
        assertThat(eventsOf(ticket).get(0).basedOnLegacyLsn()).as("never applied from the legacy").isNull();

        long lsn = 9_000_000_000L + System.nanoTime() % 1_000_000;
        var legacy = new LegacyChange(UUID.randomUUID(), io.ficus.contracts.EntityType.TICKET, UUID.fromString(ticket),
                ChangeKind.UPSERTED, new SourcePosition(lsn, 77, Instant.now(), false),
                new TicketState(UUID.fromString(ticket), UUID.fromString(project), UUID.fromString(phase), "renamed in the legacy",
                        null, null, LocalDateTime.of(2026, 1, 1, 0, 0), List.of()));
        kafka.send(new Topics(prefix).legacyChanges(), ticket, json.writeValueAsString(legacy)).get();
        await().until(() -> "renamed in the legacy".equals(get("/api/tickets/" + ticket, a).expect(200).body().path("title").asString()));

        patch("/api/tickets/" + ticket, a, Map.of("title", "then renamed in the core")).expect(200);

        await().until(() -> eventsOf(ticket).size() == 2);
        CoreEvent last = eventsOf(ticket).get(1);
        assertThat(((TicketState) last.state()).title()).isEqualTo("then renamed in the core");
        assertThat(last.basedOnLegacyLsn()).isEqualTo(lsn);
        assertThat(last.basedOnLegacyEventId()).isEqualTo(legacy.eventId());
    }
}
