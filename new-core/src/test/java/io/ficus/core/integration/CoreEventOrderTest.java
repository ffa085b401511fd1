package io.ficus.core.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.TicketState;
import io.ficus.core.CoreTest;
import io.ficus.core.shared.Origin;
import io.ficus.core.tickets.TicketChanged;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox sender keeps each aggregate's events in the order of their commits on Kafka, and a change that rolled
 * back sends nothing.
 */
class CoreEventOrderTest extends CoreTest {

    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transaction;

    /** Per key, the versions in the order Kafka holds them, each kept at its first arrival (at least once). */
    private static Map<String, List<Long>> versionsByKey(Set<String> keys) {
        Map<String, LinkedHashSet<Long>> seen = new HashMap<>();
        for (ConsumerRecord<String, String> r : coreEvents()) {
            if (keys.contains(r.key())) {
                seen.computeIfAbsent(r.key(), k -> new LinkedHashSet<>()).add(json.readValue(r.value(), CoreEvent.class).version());
            }
        }
        Map<String, List<Long>> versions = new HashMap<>();
        seen.forEach((k, v) -> versions.put(k, List.copyOf(v)));
        return versions;
    }

    @Test
    void eachTicketsEventsReachKafkaInTheOrderOfItsCommitsWhileManyWritersChangeItAtOnce() throws Exception {
        Account a = newAccount();
        String project = defaultProject(a);
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(createTicket(a, project, "ordered " + i));
        }
        Map<String, AtomicInteger> changes = new ConcurrentHashMap<>();
        tickets.forEach(t -> changes.put(t, new AtomicInteger()));
        int writers = 8, perWriter = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String ticket = tickets.get((writer + i) % tickets.size());
                        Answer answer = patch("/api/tickets/" + ticket, a, Map.of("title", "w" + writer + " c" + i));
                        if (answer.status() == 200) {
                            changes.get(ticket).incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(changes.values().stream().mapToInt(AtomicInteger::get).sum()).isGreaterThan(writers * perWriter / 2);

        Set<String> keys = Set.copyOf(tickets);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<String, List<Long>> versions = versionsByKey(keys);
            return tickets.stream().allMatch(t -> versions.getOrDefault(t, List.of()).size() == 1 + changes.get(t).get());
        });
        Map<String, List<Long>> versions = versionsByKey(keys);
        for (String ticket : tickets) {
            long last = 1 + changes.get(ticket).get();
            assertThat(versions.get(ticket)).as("versions of %s in Kafka's order", ticket)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
        }
    }

    @Test
    void aChangeThatRolledBackSendsNothingWhileTheNextCommittedOneIsSent() {
        UUID rolledBack = UUID.randomUUID(), committed = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            events.publishEvent(new TicketChanged(ticket(rolledBack), 1, Origin.CORE));
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> events.publishEvent(new TicketChanged(ticket(committed), 1, Origin.CORE)));

        await().atMost(Duration.ofSeconds(30)).until(() -> versionsByKey(Set.of(committed.toString())).containsKey(committed.toString()));
        assertThat(versionsByKey(Set.of(rolledBack.toString()))).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from core_event_outbox where message_key in (?, ?)",
                rolledBack.toString(), committed.toString()) == 0);
    }

    private static TicketState ticket(UUID id) {
        return new TicketState(id, UUID.randomUUID(), UUID.randomUUID(), "t", null, null, LocalDateTime.of(2026, 1, 1, 0, 0), List.of());
    }
}
