package io.ficus.core.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.PhaseState;
import io.ficus.core.ModuleTest;
import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipRemoved;
import io.ficus.core.shared.events.PhaseCreated;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;

/** The tickets module alone: its rules against its own read models, fed by other modules' events only. */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "shared")
class TicketsModuleTest extends ModuleTest {

    static final LocalDateTime T = LocalDateTime.of(2026, 1, 1, 0, 0);

    @Autowired
    TicketManagement tickets;

    record Board(UUID project, UUID phase, UUID member, UUID membership) {
    }

    Board boardWithAMember() {
        UUID project = project(), phase = UUID.randomUUID(), member = UUID.randomUUID(), membership = UUID.randomUUID();
        published(new PhaseCreated(new PhaseState(phase, project, "Backlog", 0, T), 1, Origin.LEGACY),
                new MembershipAdded(new MembershipState(membership, project, member, MembershipRole.MEMBER,
                        MembershipStatus.ACCEPTED, T), 1, Origin.LEGACY));
        return new Board(project, phase, member, membership);
    }

    @Test
    void aTicketGoesToTheFirstPhaseOfItsProjectAndPublishesItsCreation(Scenario scenario) {
        Board board = boardWithAMember();
        Caller member = new Caller(board.member(), "m@example.com");

        scenario.stimulate(() -> tickets.create(member, new CreateTicket(board.project(), "t", null, null, List.of(board.member()))))
                .andWaitForEventOfType(TicketCreated.class)
                .toArriveAndVerify(e -> {
                    assertThat(e.ticket().phaseId()).isEqualTo(board.phase());
                    assertThat(e.ticket().assigneeIds()).containsExactly(board.member());
                    assertThat(e.origin()).isEqualTo(Origin.CORE);
                });
    }

    @Test
    void refusesATicketFromSomeoneWhoIsNotAMember() {
        Board board = boardWithAMember();
        assertThatThrownBy(() -> tickets.create(new Caller(UUID.randomUUID(), "x@example.com"),
                new CreateTicket(board.project(), "t", null, null, List.of()))).isInstanceOf(ApiException.class);
        assertThat(count("select count(*) from tickets_ticket where project_id = ?", board.project())).isZero();
    }

    @Test
    void aMemberRemovedByTheCoreIsUnassignedFromTheProjectsTickets(Scenario scenario) {
        Board board = boardWithAMember();
        Ticket ticket = tickets.create(new Caller(board.member(), "m@example.com"),
                new CreateTicket(board.project(), "t", null, null, List.of(board.member())));

        scenario.publish(new MembershipRemoved(board.membership(), board.project(), board.member(), 2, Origin.CORE))
                .andWaitForStateChange(() -> count("select count(*) from tickets_assignee where ticket_id = ?", ticket.id()), n -> n == 0)
                .andVerify(n -> assertThat(count("select version from tickets_ticket where id = ?", ticket.id())).isEqualTo(2));
    }
}
