package io.ficus.core.phases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.TicketState;
import io.ficus.core.ModuleTest;
import io.ficus.core.projects.ProjectCreated;
import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.tickets.TicketCreated;
import io.ficus.core.tickets.TicketDeleted;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/** The phases module alone: the board's rules, with the tickets it holds counted from the tickets module's events. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class PhasesModuleTest extends ModuleTest {

    static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Autowired
    PhaseManagement phases;

    @Test
    void aPhaseHoldingATicketCannotBeDeletedUntilTheTicketLeaves() {
        UUID project = project(), admin = UUID.randomUUID();
        published(new ProjectCreated(new ProjectState(project, "p", null, T), null, false, 1, Origin.LEGACY), new MembershipAdded(new MembershipState(UUID.randomUUID(), project, admin, MembershipRole.ADMIN,
                MembershipStatus.ACCEPTED, T), 1, Origin.LEGACY));
        Caller caller = new Caller(admin, "a@example.com");
        PhaseView first = phases.create(caller, new CreatePhase(project, "Backlog", null));
        phases.create(caller, new CreatePhase(project, "Done", first.phase().id()));
        UUID ticket = UUID.randomUUID();
        published(new TicketCreated(new TicketState(ticket, project, first.phase().id(), "t", null, null, T, List.of()), 1,
                Origin.CORE));

        assertThat(phases.list(caller, project)).extracting(PhaseView::ticketCount).containsExactly(1L, 0L);
        assertThatThrownBy(() -> phases.delete(caller, first.phase().id())).isInstanceOf(ApiException.class)
                .hasMessageContaining("holds 1 ticket(s)");

        published(new TicketDeleted(ticket, project, 2, Origin.CORE));
        phases.delete(caller, first.phase().id());
        assertThat(phases.list(caller, project)).extracting(v -> v.phase().name()).containsExactly("Done");
    }
}
