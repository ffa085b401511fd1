package io.ficus.core.phases;

import io.ficus.contracts.PhaseState;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * One phase of a project's board.
 *
 * @param id        phase id
 * @param projectId the board's project
 * @param name      name
 * @param position   0-based position, contiguous within the board
 * @param createdAt creation time (UTC, to the second)
 * @param version   aggregate version
 */
public record Phase(UUID id, UUID projectId, String name, int position, LocalDateTime createdAt, long version) {

    /** The phases of every default project, in order. */
    public static final java.util.List<String> DEFAULT_NAMES = java.util.List.of("Backlog", "In progress", "Done");

    Phase renamed(String name) {
        return new Phase(id, projectId, name, position, createdAt, version);
    }

    Phase at(int position) {
        return new Phase(id, projectId, name, position, createdAt, version);
    }

    Phase nextVersion() {
        return new Phase(id, projectId, name, position, createdAt, version + 1);
    }

    public PhaseState state() {
        return new PhaseState(id, projectId, name, position, createdAt);
    }
}
