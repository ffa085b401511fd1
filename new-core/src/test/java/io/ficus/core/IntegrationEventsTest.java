package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** Every committed change becomes an integration event on Kafka, guarded by the publication registry. */
class IntegrationEventsTest extends CoreTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    TestListeners.FlakyListener flaky;

    List<CoreEvent> eventsOf(String aggregateId) {
        return coreEvents().stream().filter(r -> r.key().equals(aggregateId)).map(r -> json.readValue(r.value(), CoreEvent.class)).toList();
    }

    @Test
    void everyChangePublishesTheFullStateVersionAndRequestIdKeyedByAggregate() {
        Account a = newAccount();
        String project = defaultProject(a);
        String ticket = call("POST", "/api/projects/" + project + "/tickets", a.token(), Map.of("title", "t"),
                Map.of("X-Request-Id", "req-42")).expect(201).id();
        patch("/api/tickets/" + ticket, a, Map.of("title", "u")).expect(200);
        delete("/api/tickets/" + ticket, a).expect(204);

        await().atMost(Duration.ofSeconds(30)).until(() -> eventsOf(ticket).size() == 3);
        List<CoreEvent> events = eventsOf(ticket).stream().sorted(java.util.Comparator.comparingLong(CoreEvent::version)).toList();
        assertThat(events).extracting(CoreEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(events).extracting(CoreEvent::kind).containsExactly(ChangeKind.UPSERTED, ChangeKind.UPSERTED, ChangeKind.DELETED);
        assertThat(events.get(0).aggregateType()).isEqualTo(EntityType.TICKET);
        assertThat(events.get(0).requestId()).isEqualTo("req-42");
        assertThat(((TicketState) events.get(1).state()).title()).isEqualTo("u");
        assertThat(events).extracting(CoreEvent::eventId).doesNotHaveDuplicates();
        await().until(() -> !eventsOf(a.id()).isEmpty() && !eventsOf(project).isEmpty());
    }

    @Test
    void aFailedListenerStaysInTheRegistryAndIsRetriedUntilItSucceeds() {
        String id = UUID.randomUUID().toString();
        io.ficus.core.shared.FollowUps.run(() -> transaction.executeWithoutResult(s -> events.publishEvent(new TestListeners.Probe(id, 2))));
        assertThat(flaky.handled(id)).isFalse();
        assertThat(count("select count(*) from event_publication where completion_date is null and serialized_event like ?", "%" + id + "%"))
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.handled(id));
        assertThat(flaky.attempts(id)).isEqualTo(3);
        await().until(() -> count("select count(*) from event_publication where completion_date is null and serialized_event like ?",
                "%" + id + "%") == 0);
    }
}
