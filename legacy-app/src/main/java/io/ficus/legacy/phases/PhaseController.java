package io.ficus.legacy.phases;

import io.ficus.legacy.security.Caller;
import java.util.List;
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

/** Phases of a project's board. */
@RestController
class PhaseController {

    /** Body of {@code POST /api/projects/{id}/phases}; a null or absent previousPhaseId puts it first. */
    record CreatePhase(String name, UUID previousPhaseId) {
    }

    private final PhaseService service;

    PhaseController(PhaseService service) {
        this.service = service;
    }

    @GetMapping("/api/projects/{id}/phases")
    List<PhaseView> list(Caller caller, @PathVariable UUID id) {
        return service.list(caller, id.toString());
    }

    @PostMapping("/api/projects/{id}/phases")
    @ResponseStatus(HttpStatus.CREATED)
    PhaseView create(Caller caller, @PathVariable UUID id, @RequestBody CreatePhase body) {
        return service.create(caller, id.toString(), body.name(), body.previousPhaseId());
    }

    @PatchMapping("/api/phases/{id}")
    PhaseView update(Caller caller, @PathVariable UUID id, @RequestBody PhasePatch body) {
        return service.update(caller, id.toString(), body);
    }

    @DeleteMapping("/api/phases/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(caller, id.toString());
    }
}
