package io.ficus.core.phases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BoardTest {

    static final UUID project = UUID.randomUUID();

    static Phase phase(String name, int position) {
        return new Phase(UUID.randomUUID(), project, name, position, LocalDateTime.now(), 1);
    }

    @Test
    void insertingFirstRenumbersEveryPhaseAfterIt() {
        Phase a = phase("a", 0), b = phase("b", 1), z = phase("z", -1);
        List<Phase> changed = new Board(List.of(a, b)).insert(z, null);
        assertThat(changed).extracting(Phase::name, Phase::position).containsExactly(
                org.assertj.core.groups.Tuple.tuple("z", 0), org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2));
    }

    @Test
    void movingKeepsPositionsContiguousAndRefusesForeignOrSelfPredecessors() {
        Phase a = phase("a", 0), b = phase("b", 1), c = phase("c", 2);
        assertThat(new Board(List.of(a, b, c)).move(a, c.id())).extracting(Phase::name, Phase::position).containsExactly(
                org.assertj.core.groups.Tuple.tuple("b", 0), org.assertj.core.groups.Tuple.tuple("c", 1), org.assertj.core.groups.Tuple.tuple("a", 2));
        assertThatThrownBy(() -> new Board(List.of(a, b)).move(a, a.id())).isInstanceOf(ApiException.class)
                .hasMessage("'previousPhaseId' must not be the phase itself");
        UUID foreign = UUID.randomUUID();
        assertThatThrownBy(() -> new Board(List.of(a, b)).insert(phase("x", -1), foreign))
                .hasMessage("'previousPhaseId' " + foreign + " is not a phase of this project");
    }

    @Test
    void refusesToRemoveTheLastPhase() {
        Phase a = phase("a", 0);
        assertThatThrownBy(() -> new Board(List.of(a)).remove(a)).isInstanceOf(ApiException.class)
                .hasMessage("phase " + a.id() + " is the project's last phase");
    }
}
