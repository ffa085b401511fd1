package io.ficus.core.phases.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.core.phases.ChangePhase;
import io.ficus.core.phases.CreatePhase;
import io.ficus.core.phases.PhaseManagement;
import io.ficus.core.phases.PhaseView;
import io.ficus.core.shared.Caller;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Phases of a project's board, as the legacy serves them. */
@RestController
class PhaseController {

    record Create(String name, UUID previousPhaseId) {
    }

    @JsonPropertyOrder({"id", "projectId", "name", "position", "ticketCount"})
    record PhaseJson(UUID id, UUID projectId, String name, int position, long ticketCount) {
        static PhaseJson of(PhaseView v) {
            return new PhaseJson(v.phase().id(), v.phase().projectId(), v.phase().name(), v.phase().position(), v.ticketCount());
        }
    }

    /** The body of {@code PATCH /api/phases/{id}}. */
    static class PhasePatch {
        final Set<String> present = new HashSet<>();
        String name;
        UUID previousPhaseId;

        public void setName(String name) {
            present.add("name");
            this.name = name;
        }

        public void setPreviousPhaseId(UUID previousPhaseId) {
            present.add("previousPhaseId");
            this.previousPhaseId = previousPhaseId;
        }
    }

    private final PhaseManagement phases;

    PhaseController(PhaseManagement phases) {
        this.phases = phases;
    }

    @GetMapping("/api/projects/{id}/phases")
    List<PhaseJson> list(Caller caller, @PathVariable UUID id) {
        return phases.list(caller, id).stream().map(PhaseJson::of).toList();
    }

    @PostMapping("/api/projects/{id}/phases")
    @ResponseStatus(HttpStatus.CREATED)
    PhaseJson create(Caller caller, @PathVariable UUID id, @RequestBody Create body) {
        return PhaseJson.of(phases.create(caller, new CreatePhase(id, body.name(), body.previousPhaseId())));
    }

    @PatchMapping("/api/phases/{id}")
    PhaseJson update(Caller caller, @PathVariable UUID id, @RequestBody PhasePatch body) {
        return PhaseJson.of(phases.change(caller, new ChangePhase(id, body.present, body.name, body.previousPhaseId)));
    }

    @DeleteMapping("/api/phases/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        phases.delete(caller, id);
    }
}
