package io.ficus.core.projects;

/** Command: create a project; the caller becomes its admin. */
public record CreateProject(String name, String description) {
}
