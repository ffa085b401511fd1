package io.ficus.legacy.tickets;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.ficus.legacy.security.Caller;
import io.ficus.legacy.support.Timestamps;
import java.time.LocalDateTime;
import java.util.List;
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

/** Tickets. */
@RestController
class TicketController {

    /** Body of {@code POST /api/projects/{id}/tickets}. */
    record CreateTicket(String title, String description, @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime dueTime,
                        List<UUID> assigneeIds) {
    }

    private final TicketService service;

    TicketController(TicketService service) {
        this.service = service;
    }

    @PostMapping("/api/projects/{id}/tickets")
    @ResponseStatus(HttpStatus.CREATED)
    TicketView create(Caller caller, @PathVariable UUID id, @RequestBody CreateTicket body) {
        return service.create(caller, id.toString(), body.title(), body.description(), body.dueTime(), body.assigneeIds());
    }

    @GetMapping("/api/projects/{id}/tickets")
    List<TicketView> list(Caller caller, @PathVariable UUID id, @RequestParam(required = false) UUID phaseId,
                          @RequestParam(required = false) UUID assigneeId) {
        return service.list(caller, id.toString(), phaseId, assigneeId);
    }

    @GetMapping("/api/users/me/tickets")
    List<TicketView> mine(Caller caller) {
        return service.assignedTo(caller);
    }

    @GetMapping("/api/tickets/{id}")
    TicketView get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id.toString());
    }

    @PatchMapping("/api/tickets/{id}")
    TicketView update(Caller caller, @PathVariable UUID id, @RequestBody TicketPatch body) {
        return service.update(caller, id.toString(), body);
    }

    @DeleteMapping("/api/tickets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(caller, id.toString());
    }
}
