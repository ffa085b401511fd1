package io.ficus.core.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.core.ModuleTest;
import io.ficus.support.ownership.Grant;
import io.ficus.support.ownership.WriteGuard;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;

/** The ownership module alone: pushes by epoch, and the admission of writes by group. */
@ApplicationModuleTest(extraIncludes = "shared")
class OwnershipModuleTest extends ModuleTest {

    @Autowired
    WriteGuard guard;

    @Test
    void anOlderPushNeverUndoesANewerOneAndOnlyAnOwnedGroupsWritesAreAdmitted() {
        var routes = List.of(new Grant.WriteRoute(List.of("POST"), "/api/projects/{id}/phases"));
        long epoch = guard.grants().containsKey("phases") ? guard.grants().get("phases").epoch() + 10 : 10;
        guard.apply(new Grant("phases", "core", epoch, routes));

        assertThat(guard.apply(new Grant("phases", "legacy", epoch - 1, routes)).stale()).isTrue();
        assertThat(guard.ownsWritesOf("phases")).isTrue();
        var admitted = guard.admit("POST", "/api/projects/p1/phases");
        assertThat(admitted).isInstanceOf(WriteGuard.Admitted.class);
        guard.release((WriteGuard.Admitted) admitted);

        guard.apply(new Grant("phases", "legacy", epoch + 1, routes));
        assertThat(guard.ownsWritesOf("phases")).isFalse();
        assertThat(guard.admit("POST", "/api/projects/p1/phases")).isInstanceOf(WriteGuard.Refused.class);
    }
}
