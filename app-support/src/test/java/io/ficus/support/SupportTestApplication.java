package io.ficus.support;

import io.ficus.support.ownership.WriteGuardSettings;
import io.ficus.support.web.ApiException;
import io.ficus.support.web.Checks;
import io.ficus.support.web.IntegrityMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest application that installs this library as the two ticketing applications do: a tickets endpoint that
 * counts what it stores, and the write guard as the legacy (it admits every write until the gateway pushes otherwise).
 */
@SpringBootApplication
public class SupportTestApplication {

    public static final String GATEWAY_SECRET = "test-gateway-secret-of-the-support-tests-0123456789";

    /** What the endpoint stored. */
    public static final AtomicInteger stored = new AtomicInteger();

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    IntegrityMessages integrityMessages() {
        return new IntegrityMessages(Map.of("TICKETS_TITLE_UX", "a ticket with this title exists"));
    }

    @Bean
    WriteGuardSettings writeGuardSettings() {
        return new WriteGuardSettings("legacy", "ownership_group", GATEWAY_SECRET::equals);
    }

    /**
     * A new ticket, as the API takes it.
     *
     * @param title       required
     * @param assigneeIds users to assign
     * @param description optional
     */
    record NewTicket(String title, List<UUID> assigneeIds, String description) {
    }

    @RestController
    static class Tickets {

        @GetMapping("/api/projects")
        List<String> projects() {
            return List.of();
        }

        @PostMapping("/api/projects/{id}/tickets")
        @ResponseStatus(HttpStatus.CREATED)
        NewTicket create(@PathVariable UUID id, @RequestBody NewTicket ticket) {
            Checks.text("title", ticket.title(), 200);
            Checks.assignees(ticket.assigneeIds());
            if ("forbidden".equals(ticket.title())) {
                throw ApiException.forbidden("you are not a member of project " + id);
            }
            if (ticket.title().startsWith("violates ")) {
                throw new DataIntegrityViolationException("ERROR: " + ticket.title());
            }
            stored.incrementAndGet();
            return ticket;
        }
    }
}
