package io.ficus.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToggleTest {

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = "NEW", mode = EnumSource.Mode.EXCLUDE)
    void refusesShadowedReadsWithAnyModeButNew(Mode mode) {
        assertThatThrownBy(() -> new Toggle(mode, 10, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shadowReads can only be set with mode NEW (it shadows the legacy while the new core answers),"
                        + " not with " + mode);
    }

    @Test
    void showsShadowedReadsInTheAuditText() {
        assertThat(new Toggle(Mode.NEW, 0, true)).hasToString("NEW + legacy reads shadowed");
        assertThat(new Toggle(Mode.NEW, 0)).hasToString("NEW");
        assertThat(new Toggle(Mode.CANARY, 10)).hasToString("CANARY 10%");
        assertThat(new Toggle(Mode.SHADOW, 0)).hasToString("SHADOW");
    }

    @Test
    void shadowedReadsLeaveTheWritesWithTheCore() {
        assertThat(new Toggle(Mode.NEW, 0, true).writeOwner()).isEqualTo("core");
    }

    @Test
    void distinguishesNewWithAndWithoutShadowedReads() {
        assertThat(new Toggle(Mode.NEW, 0, true)).isNotEqualTo(new Toggle(Mode.NEW, 0));
        assertThat(new Toggle(Mode.NEW, 0)).isEqualTo(new Toggle(Mode.NEW, 0, false));
    }
}
