package io.ficus.core.tickets.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.tickets.ChangeTicket;
import io.ficus.core.tickets.CreateTicket;
import io.ficus.core.tickets.Ticket;
import io.ficus.core.tickets.TicketManagement;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The ticket routes, as the legacy serves them. */
@RestController
class TicketController {

    record Create(String title, String description, @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime dueTime,
                  List<UUID> assigneeIds) {
    }

    @JsonPropertyOrder({"id", "projectId", "phaseId", "title", "description", "dueTime", "createdAt", "assigneeIds"})
    record TicketView(UUID id, UUID projectId, UUID phaseId, String title, String description,
                      @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime dueTime,
                      @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime createdAt, List<UUID> assigneeIds) {
        static TicketView of(Ticket t) {
            return new TicketView(t.id(), t.projectId(), t.phaseId(), t.title(), t.description(), t.dueTime(), t.createdAt(),
                    t.assigneeIds());
        }
    }

    /** The body of {@code PATCH /api/tickets/{id}}: fields present change. */
    static class TicketPatch {
        final Set<String> present = new HashSet<>();
        String title;
        String description;
        LocalDateTime dueTime;
        UUID phaseId;
        List<UUID> assigneeIds;

        public void setTitle(String title) {
            present.add("title");
            this.title = title;
        }

        public void setDescription(String description) {
            present.add("description");
            this.description = description;
        }

        @JsonFormat(pattern = Timestamps.PATTERN)
        public void setDueTime(LocalDateTime dueTime) {
            present.add("dueTime");
            this.dueTime = dueTime;
        }

        public void setPhaseId(UUID phaseId) {
            present.add("phaseId");
            this.phaseId = phaseId;
        }

        public void setAssigneeIds(List<UUID> assigneeIds) {
            present.add("assigneeIds");
            this.assigneeIds = assigneeIds;
        }
    }

    private final TicketManagement tickets;

    TicketController(TicketManagement tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/api/projects/{id}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    TicketView create(Caller caller, @PathVariable UUID id, @RequestBody Create body) {
        return TicketView.of(tickets.create(caller,
                new CreateTicket(id, body.title(), body.description(), body.dueTime(), body.assigneeIds())));
    }

    @GetMapping("/api/projects/{id}/tickets")
    List<TicketView> list(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID phaseId,
                          @RequestParam(required = false) UUID assigneeId) {
        return tickets.list(caller, id, phaseId, assigneeId).stream().map(TicketView::of).toList();
    }

    @GetMapping("/api/users/me/tickets")
    List<TicketView> mine(Caller caller) {
        return tickets.assignedTo(caller).stream().map(TicketView::of).toList();
    }

    @GetMapping("/api/tickets/{id}")
    TicketView get(Caller caller, @PathVariable UUID id) {
        return TicketView.of(tickets.get(caller, id));
    }

    @PatchMapping("/api/tickets/{id}")
    TicketView update(Caller caller, @PathVariable UUID id, @RequestBody TicketPatch body) {
        return TicketView.of(tickets.change(caller, new ChangeTicket(id, body.present, body.title, body.description, body.dueTime,
                body.phaseId, body.assigneeIds)));
    }

    @DeleteMapping("/api/tickets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        tickets.delete(caller, id);
    }
}
