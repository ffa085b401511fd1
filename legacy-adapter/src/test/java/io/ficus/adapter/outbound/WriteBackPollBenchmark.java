package io.ficus.adapter.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.AdapterIntegrationTest;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write-back of full polls alone (no Kafka, no other application): {@code bench.polls} (40) polls of
 * {@code bench.pollSize} (500, the consumer's {@code max.poll.records}) core events, half ticket creations and half
 * updates of tickets of earlier polls, each poll written by {@link CoreEventWriter#writeAll} as the listener does. Prints
 * events/s and the poll's p50/max time; the first 5 polls warm up. Run:
 * {@code mvn -B -ntp -o -pl legacy-adapter -am verify -Dsurefire.excludedGroups= -Dgroups=bench -Dtest=WriteBackPollBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class WriteBackPollBenchmark extends AdapterIntegrationTest {

    @Autowired
    CoreEventWriter writer;
    @Autowired
    JdbcClient jdbc;

    @Test
    void writesFullPollsOfCoreEvents() {
        int polls = Integer.getInteger("bench.polls", 40);
        int size = Integer.getInteger("bench.pollSize", 500);
        int warmup = 5;
        UUID project = UUID.randomUUID(), phase = UUID.randomUUID();
        List<UUID> earlier = new ArrayList<>();
        long[] millis = new long[polls - warmup];
        long events = 0, nanos = 0;
        for (int p = 0; p < polls; p++) {
            List<CoreEvent> poll = new ArrayList<>(size);
            List<UUID> created = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                boolean update = i % 2 == 1 && !earlier.isEmpty();
                UUID id = update ? earlier.get((p * size + i) % earlier.size()) : UUID.randomUUID();
                if (!update) {
                    created.add(id);
                }
                poll.add(new CoreEvent(UUID.randomUUID(), EntityType.TICKET, id, update ? 1_000L * p + i : 1, ChangeKind.UPSERTED,
                        Instant.now(), null, new TicketState(id, project, phase, "ticket " + p + "/" + i, "description", null,
                        LocalDateTime.of(2026, 1, 1, 0, 0), List.of())));
            }
            long start = System.nanoTime();
            int written = writer.writeAll(poll);
            long took = System.nanoTime() - start;
            assertThat(written).isEqualTo(size);
            earlier.addAll(created);
            if (p >= warmup) {
                millis[p - warmup] = took / 1_000_000;
                events += size;
                nanos += took;
            }
        }
        Arrays.sort(millis);
        System.out.printf("WRITE-BACK POLLS %d polls of %d core events (half creations, half updates): %.0f events/s, "
                        + "poll p50 %d ms, max %d ms, load average %s%n", millis.length, size, events * 1e9 / nanos,
                millis[millis.length / 2], millis[millis.length - 1],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
