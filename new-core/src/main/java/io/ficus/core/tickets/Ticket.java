package io.ficus.core.tickets;

import io.ficus.contracts.TicketState;
import io.ficus.support.web.ApiException;
import io.ficus.support.web.Checks;
import io.ficus.core.shared.Aggregate;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.jmolecules.ddd.annotation.AggregateRoot;

/**
 * The ticket aggregate. Every change is a method that checks its precondition (against the ticket itself and, through
 * {@link TicketRules}, the module's read models) and registers its event with the aggregate's next version; the
 * repository stores the ticket and publishes the registered events in the same transaction.
 */
@AggregateRoot
public final class Ticket extends Aggregate<Ticket> {

    private final UUID id;
    private final UUID projectId;
    private UUID phaseId;
    private String title;
    private String description;
    private LocalDateTime dueTime;
    private final LocalDateTime createdAt;
    private List<UUID> assigneeIds;

    /** A stored ticket, as loaded. */
    Ticket(UUID id, UUID projectId, UUID phaseId, String title, String description, LocalDateTime dueTime,
           LocalDateTime createdAt, List<UUID> assigneeIds, long version) {
        this(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds, version, version);
    }

    private Ticket(UUID id, UUID projectId, UUID phaseId, String title, String description, LocalDateTime dueTime,
                   LocalDateTime createdAt, List<UUID> assigneeIds, long version, long storedVersion) {
        super(version, storedVersion);
        this.id = id;
        this.projectId = projectId;
        this.phaseId = phaseId;
        this.title = title;
        this.description = description;
        this.dueTime = dueTime;
        this.createdAt = createdAt;
        this.assigneeIds = List.copyOf(assigneeIds);
    }

    /** A new ticket of the core, in its project's first phase, assigned to accepted members only. */
    static Ticket create(CreateTicket command, TicketRules rules) {
        Checks.text("title", command.title(), 200);
        Checks.optionalText("description", command.description(), 4000);
        List<UUID> assignees = rules.acceptedMembers(command.projectId(), command.assigneeIds());
        UUID firstPhase = rules.firstPhase(command.projectId());
        if (firstPhase == null) {
            throw ApiException.conflict("project " + command.projectId() + " has no phase to put a ticket in");
        }
        var ticket = new Ticket(UUID.randomUUID(), command.projectId(), firstPhase, command.title(), command.description(),
                command.dueTime(), Timestamps.now(), assignees, 1, 0);
        return ticket.andEvent(new TicketCreated(ticket.state(), 1, Origin.CORE));
    }

    /** The ticket as the legacy changed it, over {@code existing} (null: new to the core). */
    static Ticket fromLegacy(TicketState s, Ticket existing) {
        long stored = existing == null ? 0 : existing.version();
        var ticket = new Ticket(s.id(), s.projectId(), s.phaseId(), s.title(), s.description(), s.dueTime(), s.createdAt(),
                s.assigneeIds(), stored + 1, stored);
        return ticket.andEvent(existing == null ? new TicketCreated(ticket.state(), ticket.version(), Origin.LEGACY)
                : new TicketChanged(ticket.state(), ticket.version(), Origin.LEGACY));
    }

    /** Applies the fields the command carries, in the legacy's order of checks; a change even when nothing differs. */
    void change(ChangeTicket command, TicketRules rules) {
        if (command.has("title")) {
            title = Checks.text("title", command.title(), 200);
        }
        if (command.has("description")) {
            description = Checks.optionalText("description", command.description(), 4000);
        }
        if (command.has("dueTime")) {
            dueTime = command.dueTime();
        }
        if (command.has("phaseId")) {
            if (command.phaseId() == null) {
                throw ApiException.badRequest("'phaseId' must not be null");
            }
            if (!rules.isPhaseOf(command.phaseId(), projectId)) {
                throw ApiException.badRequest("'phaseId' " + command.phaseId() + " is not a phase of this ticket's project");
            }
            phaseId = command.phaseId();
        }
        if (command.has("assigneeIds")) {
            if (command.assigneeIds() == null) {
                throw ApiException.badRequest("'assigneeIds' must not be null");
            }
            assigneeIds = rules.acceptedMembers(projectId, command.assigneeIds());
        }
        changed();
    }

    /** The user is no longer assigned (a removed member, a deleted user). */
    void unassign(UUID user) {
        assigneeIds = assigneeIds.stream().filter(a -> !a.equals(user)).toList();
        changed();
    }

    /** The ticket goes; {@code origin} says who decided it. */
    void delete(Origin origin) {
        registerEvent(new TicketDeleted(id, projectId, markDeleted(), origin));
    }

    private void changed() {
        registerEvent(new TicketChanged(state(), nextVersion(), Origin.CORE));
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public UUID phaseId() {
        return phaseId;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public LocalDateTime dueTime() {
        return dueTime;
    }

    /** Creation time (UTC, to the second). */
    public LocalDateTime createdAt() {
        return createdAt;
    }

    /** Assignees in assignment order. */
    public List<UUID> assigneeIds() {
        return assigneeIds;
    }

    public TicketState state() {
        return new TicketState(id, projectId, phaseId, title, description, dueTime, createdAt, assigneeIds);
    }
}
