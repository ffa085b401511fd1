package io.ficus.gateway.toggles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.Toggle;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class ToggleStoreTest extends GatewayIntegrationTest {

    @Autowired
    private RouteCatalog catalog;

    @Autowired
    private GatewayProperties properties;

    @Autowired
    private TransactionTemplate tx;

    @Test
    void aChangeMadeByAnotherInstanceReachesTheSnapshotWithinOneSecond() {
        jdbc.update("update route_toggle set mode = 'NEW' where route_id like 'phases-%'");

        await().atMost(Duration.ofSeconds(1)).until(() -> toggles.snapshot().of("phases-delete").mode() == Mode.NEW);
    }

    @Test
    void togglesSurviveARestart() {
        setGroup("sessions", Mode.CANARY, 25);
        setGroup("projects", Mode.NEW, 0);

        ToggleStore restarted = new ToggleStore(jdbc, tx, catalog, properties, new SimpleMeterRegistry());

        assertThat(restarted.snapshot().of("login")).isEqualTo(new Toggle(Mode.CANARY, 25));
        assertThat(restarted.snapshot().of("projects-create")).isEqualTo(new Toggle(Mode.NEW, 0));
    }

    @Test
    void shadowedReadsSurviveARestart() {
        setGroup("projects", Mode.NEW, 0);
        toggles.changeRoute("projects-get", new Toggle(Mode.NEW, 0, true), "alice", "compare reads with the legacy");

        ToggleStore restarted = new ToggleStore(jdbc, tx, catalog, properties, new SimpleMeterRegistry());

        assertThat(restarted.snapshot().of("projects-get")).isEqualTo(new Toggle(Mode.NEW, 0, true));
        assertThat(restarted.snapshot().of("projects-list")).isEqualTo(new Toggle(Mode.NEW, 0, false));
    }

    @Test
    void shadowedReadsSetByAnotherInstanceReachTheSnapshotOnReload() {
        jdbc.update("update route_toggle set mode = 'NEW', shadow_reads = true where route_id = 'phases-list'");

        await().atMost(Duration.ofSeconds(1)).until(() -> toggles.snapshot().of("phases-list").shadowReads());
        assertThat(toggles.snapshot().of("phases-list")).hasToString("NEW + legacy reads shadowed");
    }

    @Test
    void ignoresAShadowedReadsFlagLeftOnAnotherModeInsteadOfFailingTheReload() {
        jdbc.update("update route_toggle set mode = 'SHADOW', shadow_reads = true where route_id = 'phases-list'");
        jdbc.update("update route_toggle set mode = 'NEW' where route_id = 'phases-delete'");

        toggles.refresh();

        assertThat(toggles.snapshot().of("phases-list")).isEqualTo(new Toggle(Mode.SHADOW, 0));
        assertThat(toggles.snapshot().of("phases-delete").mode()).isEqualTo(Mode.NEW);
    }

    @Test
    void recordsEveryRouteAGroupChangeMovedButNotThoseAlreadyThere() {
        toggles.changeRoute("tickets-get", new Toggle(Mode.SHADOW, 0), "alice", "look first");
        toggles.changeGroup("tickets", new Toggle(Mode.SHADOW, 0), "bob", "shadow all tickets");

        assertThat(toggles.audit("tickets-get", 10)).first()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("alice"));
        assertThat(toggles.audit("tickets-update", 1)).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("bob");
                    assertThat(e.from()).isEqualTo("LEGACY");
                    assertThat(e.to()).isEqualTo("SHADOW");
                    assertThat(e.reason()).isEqualTo("shadow all tickets");
                });
    }

    @Test
    void refusesAChangeThatSplitsAGroupsWritesAndChangesNothing() {
        assertThatThrownBy(() -> toggles.changeRoute("users-delete", new Toggle(Mode.NEW, 0), "alice", "split"))
                .isInstanceOf(OwnershipConflictException.class);

        assertThat(toggles.snapshot().of("users-delete").mode()).isEqualTo(Mode.LEGACY);
        assertThat(jdbc.queryForObject("select mode from route_toggle where route_id = 'users-delete'", String.class))
                .isEqualTo("LEGACY");
    }

    @Test
    void refusesCanaryOnAReadRouteOfAGroupWithWritesAndChangesNothing() {
        assertThatThrownBy(() -> toggles.changeRoute("tickets-get", new Toggle(Mode.CANARY, 10), "alice", "canary reads"))
                .isInstanceOf(OwnershipConflictException.class)
                .hasMessageContaining("CANARY is for reads only");
        assertThatThrownBy(() -> toggles.changeGroup("tickets", new Toggle(Mode.CANARY, 10), "alice", "canary all"))
                .isInstanceOf(OwnershipConflictException.class);

        assertThat(jdbc.queryForObject("select count(*) from route_toggle where route_id like 'tickets-%' and mode <> 'LEGACY'",
                Integer.class)).isZero();
    }

    @Test
    void plansAWriterMoveAsAHandoverAndAReadOnlyChangeAsAPlainUpdate() {
        assertThat(toggles.planGroup("tickets", new Toggle(Mode.NEW, 0)).movesWrites()).isTrue();
        assertThat(toggles.planGroup("tickets", new Toggle(Mode.SHADOW, 0)).movesWrites()).isFalse();
        assertThat(toggles.planRoute("tickets-get", new Toggle(Mode.NEW, 0)).movesWrites()).isFalse();
        assertThat(toggles.planGroup("sessions", new Toggle(Mode.NEW, 0)).movesWrites()).isFalse();

        setGroup("tickets", Mode.NEW, 0);
        assertThat(toggles.planGroup("tickets", new Toggle(Mode.NEW, 0, true)).movesWrites()).isFalse();
        assertThat(toggles.planGroup("tickets", new Toggle(Mode.SHADOW, 0)).movesWrites()).isTrue();
    }

    @Test
    void allowsShadowingOneWriteRouteSinceTheLegacyStillOwnsTheWrites() {
        toggles.changeRoute("users-delete", new Toggle(Mode.SHADOW, 0), "alice", "compare deletes");

        assertThat(toggles.snapshot().of("users-delete").mode()).isEqualTo(Mode.SHADOW);
    }
}
