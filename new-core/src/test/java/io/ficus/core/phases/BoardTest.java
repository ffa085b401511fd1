package io.ficus.core.phases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.ficus.core.shared.events.PhaseChanged;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoardTest {

    static final UUID project = UUID.randomUUID();

    static Phase phase(String name, int position) {
        return new Phase(UUID.randomUUID(), project, name, position, LocalDateTime.now(), 1);
    }

    @Test
    void insertingFirstShiftsEveryPhaseAfterItEachToANewVersion() {
        Phase a = phase("a", 0), b = phase("b", 1);
        Board board = new Board(List.of(a, b));
        Phase z = Phase.create(new CreatePhase(project, "z", null), board);
        assertThat(z.position()).isZero();
        assertThat(board.shifted()).extracting(Phase::name, Phase::position, Phase::version)
                .containsExactly(tuple("a", 1, 2L), tuple("b", 2, 2L));
    }

    @Test
    void movingKeepsPositionsContiguousAndRefusesForeignOrSelfPredecessors() {
        Phase a = phase("a", 0), b = phase("b", 1), c = phase("c", 2);
        Board board = new Board(List.of(a, b, c));
        a.change(new ChangePhase(a.id(), Set.of("previousPhaseId"), null, c.id()), board);
        assertThat(List.of(a, b, c)).extracting(Phase::name, Phase::position).containsExactly(tuple("a", 2), tuple("b", 0), tuple("c", 1));
        assertThat(a.version()).as("one new version for the moved phase").isEqualTo(2);
        assertThatThrownBy(() -> a.change(new ChangePhase(a.id(), Set.of("previousPhaseId"), null, a.id()), new Board(List.of(a, b))))
                .isInstanceOf(ApiException.class).hasMessage("'previousPhaseId' must not be the phase itself");
        UUID foreign = UUID.randomUUID();
        assertThatThrownBy(() -> Phase.create(new CreatePhase(project, "x", foreign), new Board(List.of(a, b))))
                .hasMessage("'previousPhaseId' " + foreign + " is not a phase of this project");
    }

    @Test
    void renamingToTheSameNameInPlaceIsNoChange() {
        Phase a = phase("a", 0);
        a.change(new ChangePhase(a.id(), Set.of("name", "previousPhaseId"), "a", null), new Board(List.of(a)));
        assertThat(a.isUnchanged()).isTrue();
    }

    @Test
    void refusesToRemoveTheLastPhaseOrOneThatHoldsTickets() {
        Phase a = phase("a", 0), b = phase("b", 1);
        assertThatThrownBy(() -> a.deleteFrom(new Board(List.of(a)), 0)).isInstanceOf(ApiException.class)
                .hasMessage("phase " + a.id() + " is the project's last phase");
        assertThatThrownBy(() -> a.deleteFrom(new Board(List.of(a, b)), 2)).hasMessage("phase " + a.id() + " holds 2 ticket(s)");
        Board board = new Board(List.of(a, b));
        a.deleteFrom(board, 0);
        assertThat(a.deleted()).isTrue();
        assertThat(board.shifted()).extracting(Phase::name, Phase::position).containsExactly(tuple("b", 0));
    }
}
