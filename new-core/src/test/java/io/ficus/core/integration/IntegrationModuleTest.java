package io.ficus.core.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.TicketState;
import io.ficus.core.ModuleTest;
import io.ficus.core.shared.Origin;
import io.ficus.core.tickets.TicketChanged;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The integration module alone: the core's own changes become integration events based on the last legacy change. */
@ApplicationModuleTest
class IntegrationModuleTest extends ModuleTest {

    @Test
    void aChangeOfTheCoreBecomesAnIntegrationEventNamingItsLegacyBasis(Scenario scenario) {
        UUID ticket = UUID.randomUUID(), basis = UUID.randomUUID();
        jdbc.sql("insert into legacy_source_position (entity_type, entity_id, lsn, event_id) values ('TICKET', ?, 4242, ?)")
                .params(ticket, basis).update();
        var state = new TicketState(ticket, UUID.randomUUID(), UUID.randomUUID(), "t", null, null,
                LocalDateTime.of(2026, 1, 1, 0, 0), List.of());

        scenario.publish(new TicketChanged(state, 3, Origin.CORE))
                .andWaitForEventOfType(CoreEvent.class)
                .matching(e -> e.aggregateId().equals(ticket))
                .toArriveAndVerify(e -> {
                    assertThat(e.version()).isEqualTo(3);
                    assertThat(e.state()).isEqualTo(state);
                    assertThat(e.basedOnLegacyLsn()).isEqualTo(4242L);
                    assertThat(e.basedOnLegacyEventId()).isEqualTo(basis);
                });
    }
}
