package io.ficus.core.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.core.CoreTest;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Origin;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Commands in, events out; and the optimistic lock on the aggregate version. */
@RecordApplicationEvents
class TicketManagementTest extends CoreTest {

    @Autowired
    TicketManagement tickets;
    @Autowired
    TicketRepository repository;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transaction;
    @Autowired
    ApplicationEvents events;

    @Test
    void createAndChangePublishFullStateWithIncreasingVersions() {
        Account a = newAccount();
        Caller caller = new Caller(UUID.fromString(a.id()), a.email());
        UUID project = UUID.fromString(defaultProject(a));
        events.clear();
        Ticket created = tickets.create(caller, new CreateTicket(project, "t", null, null, List.of(caller.id())));
        Ticket changed = tickets.change(caller, new ChangeTicket(created.id(), Set.of("title"), "u", null, null, null, null));

        assertThat(events.stream(TicketCreated.class)).singleElement().satisfies(e -> {
            assertThat(e.ticket()).isEqualTo(created.state());
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.origin()).isEqualTo(Origin.CORE);
        });
        assertThat(events.stream(TicketChanged.class)).singleElement().satisfies(e -> {
            assertThat(e.ticket().title()).isEqualTo("u");
            assertThat(e.version()).isEqualTo(2);
        });
        assertThat(changed.version()).isEqualTo(2);
    }

    @Test
    void aChangeBasedOnAStaleVersionIsRefused() {
        Account a = newAccount();
        UUID id = UUID.fromString(createTicket(a, defaultProject(a), "t"));
        Ticket first = repository.find(id).orElseThrow();
        Ticket second = repository.find(id).orElseThrow();
        first.unassign(UUID.randomUUID());
        transaction.executeWithoutResult(status -> repository.save(first));
        second.unassign(UUID.randomUUID());
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> repository.save(second)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        patch("/api/tickets/" + id, a, java.util.Map.of("title", "third")).expect(200);
    }
}
