package io.ficus.core.projects.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.ficus.core.projects.ChangeProject;
import io.ficus.core.projects.CreateProject;
import io.ficus.core.projects.Project;
import io.ficus.core.projects.ProjectManagement;
import io.ficus.core.shared.Caller;
import io.ficus.core.shared.Timestamps;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The project routes, as the legacy serves them. */
@RestController
class ProjectController {

    record Create(String name, String description) {
    }

    @JsonPropertyOrder({"id", "name", "description", "createdAt"})
    record ProjectView(UUID id, String name, String description, @JsonFormat(pattern = Timestamps.PATTERN) LocalDateTime createdAt) {
        static ProjectView of(Project p) {
            return new ProjectView(p.id(), p.name(), p.description(), p.createdAt());
        }
    }

    /** The body of {@code PATCH /api/projects/{id}}: fields present change. */
    static class ProjectPatch {
        final Set<String> present = new HashSet<>();
        String name;
        String description;

        public void setName(String name) {
            present.add("name");
            this.name = name;
        }

        public void setDescription(String description) {
            present.add("description");
            this.description = description;
        }
    }

    private final ProjectManagement projects;

    ProjectController(ProjectManagement projects) {
        this.projects = projects;
    }

    @PostMapping("/api/projects")
    @ResponseStatus(HttpStatus.CREATED)
    ProjectView create(Caller caller, @RequestBody Create body) {
        return ProjectView.of(projects.create(caller, new CreateProject(body.name(), body.description())));
    }

    @GetMapping("/api/projects")
    List<ProjectView> list(Caller caller) {
        return projects.mine(caller).stream().map(ProjectView::of).toList();
    }

    @GetMapping("/api/projects/{id}")
    ProjectView get(Caller caller, @PathVariable UUID id) {
        return ProjectView.of(projects.get(caller, id));
    }

    @PatchMapping("/api/projects/{id}")
    ProjectView update(Caller caller, @PathVariable UUID id, @RequestBody ProjectPatch body) {
        return ProjectView.of(projects.change(caller, new ChangeProject(id, body.present, body.name, body.description)));
    }

    @DeleteMapping("/api/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable UUID id) {
        projects.delete(caller, id);
    }
}
