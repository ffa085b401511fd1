package io.ficus.core.phases;

import io.ficus.contracts.PhaseState;
import io.ficus.core.shared.Aggregate;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.Timestamps;
import io.ficus.core.shared.events.PhaseChanged;
import io.ficus.core.shared.events.PhaseCreated;
import io.ficus.core.shared.events.PhaseDeleted;
import io.ficus.support.web.ApiException;
import io.ficus.support.web.Checks;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.annotation.AggregateRoot;

/**
 * One phase of a project's board. Every change is a method that checks its precondition and registers its event with
 * the phase's next version; where it changes the board (an insertion, a move, a removal) the {@link Board} keeps the
 * positions contiguous and the phases it shifts register their own change.
 */
@AggregateRoot
public final class Phase extends Aggregate<Phase> {

    /** The phases of every default project, in order. */
    public static final List<String> DEFAULT_NAMES = List.of("Backlog", "In progress", "Done");

    private final UUID id;
    private final UUID projectId;
    private String name;
    private int position;
    private final LocalDateTime createdAt;

    /** A stored phase, as loaded. */
    Phase(UUID id, UUID projectId, String name, int position, LocalDateTime createdAt, long version) {
        this(id, projectId, name, position, createdAt, version, version);
    }

    private Phase(UUID id, UUID projectId, String name, int position, LocalDateTime createdAt, long version, long storedVersion) {
        super(version, storedVersion);
        this.id = id;
        this.projectId = projectId;
        this.name = name;
        this.position = position;
        this.createdAt = createdAt;
    }

    /** A new phase of the core, put on its project's board after {@code previousPhaseId} (first when null). */
    static Phase create(CreatePhase command, Board board) {
        Checks.text("name", command.name(), 100);
        var phase = new Phase(UUID.randomUUID(), command.projectId(), command.name(), -1, Timestamps.now(), 1, 0);
        board.insert(phase, command.previousPhaseId());
        return phase.andEvent(new PhaseCreated(phase.state(), 1, Origin.CORE));
    }

    /** The {@code index}th default phase of a new default project; its id derives from the project's, so a retry finds it. */
    static Phase defaultOf(UUID projectId, int index, LocalDateTime createdAt) {
        UUID id = UUID.nameUUIDFromBytes(("phase:" + projectId + ":" + index).getBytes(StandardCharsets.UTF_8));
        var phase = new Phase(id, projectId, DEFAULT_NAMES.get(index), index, createdAt, 1, 0);
        return phase.andEvent(new PhaseCreated(phase.state(), 1, Origin.CORE));
    }

    /** The phase as the legacy changed it, over {@code existing} (null: new to the core). */
    static Phase fromLegacy(PhaseState s, Phase existing) {
        long stored = existing == null ? 0 : existing.version();
        var phase = new Phase(s.id(), s.projectId(), s.name(), s.position(), s.createdAt(), stored + 1, stored);
        return phase.andEvent(existing == null ? new PhaseCreated(phase.state(), phase.version(), Origin.LEGACY)
                : new PhaseChanged(phase.state(), phase.version(), Origin.LEGACY));
    }

    /** Renames and/or moves the phase on its board, as the command names; a new version only when something differs. */
    void change(ChangePhase command, Board board) {
        String before = name;
        int at = position;
        if (command.has("name")) {
            name = Checks.text("name", command.name(), 100);
        }
        if (command.has("previousPhaseId")) {
            board.move(this, command.previousPhaseId());
        }
        if (!Objects.equals(name, before) || position != at) {
            registerEvent(new PhaseChanged(state(), nextVersion(), Origin.CORE));
        }
    }

    /** Deletes the phase from its board: refused while it holds tickets or when it is the board's last phase. */
    void deleteFrom(Board board, long ticketsHeld) {
        if (ticketsHeld > 0) {
            throw ApiException.conflict("phase " + id + " holds " + ticketsHeld + " ticket(s)");
        }
        board.remove(this);
        delete(Origin.CORE);
    }

    /** The phase goes, without a check; {@code origin} says who decided it (a cascade, the legacy). */
    void delete(Origin origin) {
        registerEvent(new PhaseDeleted(id, projectId, markDeleted(), origin));
    }

    /** Placed by the board while it is created or moved (that change registers the event). */
    void placeAt(int position) {
        this.position = position;
    }

    /** Shifted by a neighbour's insertion, move or removal: a change of its own. */
    void shiftTo(int position) {
        this.position = position;
        registerEvent(new PhaseChanged(state(), nextVersion(), Origin.CORE));
    }

    public UUID id() {
        return id;
    }

    public UUID projectId() {
        return projectId;
    }

    public String name() {
        return name;
    }

    /** 0-based position, contiguous within the board. */
    public int position() {
        return position;
    }

    /** Creation time (UTC, to the second). */
    public LocalDateTime createdAt() {
        return createdAt;
    }

    public PhaseState state() {
        return new PhaseState(id, projectId, name, position, createdAt);
    }
}
