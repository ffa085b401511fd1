package io.ficus.e2e.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same concurrent workload ({@link ContendedWorkload}: several clients renaming one project and
 * one ticket, adding and removing phases while creating and moving tickets, changing memberships
 * while assigning) against the legacy app and the new core, each on its own database: both give
 * the same status codes per operation type (so no 409 or 5xx the legacy never gives) and end in
 * equivalent states.
 */
class ConcurrencyParityIT {

    private static final Logger log = LoggerFactory.getLogger(ConcurrencyParityIT.class);
    private static final int CLIENTS = 6;
    private static final int ROUNDS = 8;
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = ParityStack.get();
    }

    @Test
    void concurrentClientsGetTheLegacysAnswersFromTheCoreAndLeaveAnEquivalentState() throws Exception {
        var legacy = new ContendedWorkload(stack.config().url(App.LEGACY_APP), CLIENTS, ROUNDS).run();
        var core = new ContendedWorkload(stack.config().url(App.NEW_CORE), CLIENTS, ROUNDS).run();
        log.info("Contended workload, {} clients x {} rounds: legacy {} requests {}; core {} requests {}", CLIENTS, ROUNDS,
                legacy.requests(), legacy.statuses(), core.requests(), core.statuses());

        Map<String, Map<Integer, Integer>> expected = new TreeMap<>();
        int each = CLIENTS * ROUNDS;
        for (String ok : new String[] {"rename project", "retitle and move shared ticket", "move ticket into new phase",
                "move ticket back", "accept", "assign member", "read ticket after removal", "rename self"}) {
            expected.put(ok, Map.of(200, each));
        }
        expected.put("add phase", Map.of(201, each));
        expected.put("create ticket", Map.of(201, each));
        expected.put("invite", Map.of(201, each));
        expected.put("delete phase holding a ticket", Map.of(409, each));
        expected.put("delete empty phase", Map.of(204, each));
        expected.put("remove member", Map.of(204, each));
        expected.put("assign removed member", Map.of(400, each));

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(legacy.statuses()).as("the legacy's answers").isEqualTo(expected);
            softly.assertThat(core.statuses()).as("the core's answers, beside the legacy's").isEqualTo(legacy.statuses());
            softly.assertThat(legacy.violations()).as("what legacy clients noticed").isEmpty();
            softly.assertThat(core.violations()).as("what core clients noticed").isEmpty();
            softly.assertThat(core.state()).as("the core's final state, beside the legacy's").isEqualTo(legacy.state());
            softly.assertThat(legacy.state()).containsEntry("project name is an accepted rename", true)
                    .containsEntry("shared ticket title is an accepted change", true)
                    .containsEntry("shared ticket is in a permanent phase", true);
        });
        assertThat(core.requests()).isEqualTo(legacy.requests()).isEqualTo(15 * each);
    }
}
