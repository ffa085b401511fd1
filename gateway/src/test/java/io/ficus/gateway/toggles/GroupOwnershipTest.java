package io.ficus.gateway.toggles;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupOwnershipTest {

    private final List<CatalogRoute> tickets = new RouteCatalog(List.of(
            new RouteSpec("create", List.of("POST"), "/t", "tickets", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("delete", List.of("DELETE"), "/t/{id}", "tickets", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("get", List.of("GET"), "/t/{id}", "tickets", Mode.LEGACY, 0, false, null, List.of(), false)))
            .group("tickets");

    private static final Toggle NEW = new Toggle(Mode.NEW, 0);
    private static final Toggle SHADOW = new Toggle(Mode.SHADOW, 0);

    @Test
    void refusesWriteRoutesOwnedBySystemsThatDiffer() {
        assertThatThrownBy(() -> GroupOwnership.check("tickets", tickets, Map.of("create", NEW, "delete", Toggle.LEGACY, "get", NEW)))
                .isInstanceOf(OwnershipConflictException.class)
                .hasMessageContaining("core=[create]").hasMessageContaining("legacy=[delete]");
    }

    @Test
    void refusesCanariesOfDifferentPercentagesOnWrites() {
        assertThatThrownBy(() -> GroupOwnership.check("tickets", tickets,
                Map.of("create", new Toggle(Mode.CANARY, 10), "delete", new Toggle(Mode.CANARY, 20), "get", NEW)))
                .isInstanceOf(OwnershipConflictException.class);
    }

    @Test
    void refusesCanaryForAnyRouteOfAGroupWithWriteRoutes() {
        assertThatThrownBy(() -> GroupOwnership.checkCanary("tickets", tickets, new Toggle(Mode.CANARY, 10)))
                .isInstanceOf(OwnershipConflictException.class)
                .hasMessageContaining("[create, delete]");
    }

    @Test
    void acceptsCanaryForAGroupWithoutWriteRoutes() {
        List<CatalogRoute> sessions = new RouteCatalog(List.of(
                new RouteSpec("login", List.of("POST"), "/login", "sessions", Mode.LEGACY, 0, false, false, List.of(), false)))
                .group("sessions");

        assertThatCode(() -> GroupOwnership.checkCanary("sessions", sessions, new Toggle(Mode.CANARY, 10)))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsWriteRoutesInNewWhetherOrNotTheyShadowReads() {
        assertThatCode(() -> GroupOwnership.check("tickets", tickets,
                Map.of("create", new Toggle(Mode.NEW, 0, true), "delete", NEW, "get", new Toggle(Mode.NEW, 0, true))))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsReadsInAnyModeAndShadowedWritesBesideLegacyOnes() {
        assertThatCode(() -> GroupOwnership.check("tickets", tickets, Map.of("create", SHADOW, "delete", Toggle.LEGACY, "get", NEW)))
                .doesNotThrowAnyException();
    }
}
