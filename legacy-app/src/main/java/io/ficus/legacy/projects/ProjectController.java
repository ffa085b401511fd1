package io.ficus.legacy.projects;

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

/** Projects. */
@RestController
class ProjectController {

    /** Body of {@code POST /api/projects}. */
    record CreateProject(String name, String description) {
    }

    private final ProjectService service;

    ProjectController(ProjectService service) {
        this.service = service;
    }

    @PostMapping("/api/projects")
    @ResponseStatus(HttpStatus.CREATED)
    ProjectView create(Caller caller, @RequestBody CreateProject body) {
        return service.create(caller, body.name(), body.description());
    }

    @GetMapping("/api/projects")
    List<ProjectView> list(Caller caller) {
        return service.mine(caller);
    }

    @GetMapping("/api/projects/{id}")
    ProjectView get(Caller caller, @PathVariable UUID id) {
        return service.get(caller, id.toString());
    }

    @PatchMapping("/api/projects/{id}")
    ProjectView update(Caller caller, @PathVariable UUID id, @RequestBody ProjectPatch body) {
        return service.update(caller, id.toString(), body);
    }

    @DeleteMapping("/api/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        service.delete(caller, id.toString());
    }
}
