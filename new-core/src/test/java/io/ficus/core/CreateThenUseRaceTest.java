package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A client that registers, or creates a project, and at once creates a ticket in it succeeds as on
 * the legacy: every read model the ticket module needs is current before the first answer.
 */
class CreateThenUseRaceTest extends CoreTest {

    @Test
    void registeringOrCreatingAProjectAndImmediatelyCreatingATicketSucceeds100TimesConcurrently() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<int[]>> runs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                runs.add(clients.submit(() -> {
                    Account a = newAccount();
                    int inDefault = post("/api/projects/" + defaultProject(a) + "/tickets", a, Map.of("title", "first")).status();
                    String project = post("/api/projects", a, Map.of("name", "fresh")).expect(201).id();
                    String phase = post("/api/projects/" + project + "/phases", a, Map.of("name", "only")).expect(201).id();
                    var ticket = post("/api/projects/" + project + "/tickets", a, Map.of("title", "second", "assigneeIds", List.of(a.id())));
                    boolean inPhase = ticket.body().path("phaseId").asString().equals(phase);
                    return new int[] {inDefault, ticket.status(), inPhase ? 1 : 0};
                }));
            }
            for (Future<int[]> run : runs) {
                assertThat(run.get()).containsExactly(201, 201, 1);
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
