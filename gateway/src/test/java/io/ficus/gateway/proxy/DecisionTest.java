package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.ficus.gateway.catalog.Toggle;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;

class DecisionTest {

    private static final RouteCatalog catalog = new RouteCatalog(List.of(
            new RouteSpec("read", List.of("GET", "HEAD"), "/r/{id}", "g", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("create", List.of("POST"), "/r", "g", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("update", List.of("PATCH"), "/r/{id}", "g", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("delete", List.of("DELETE"), "/r/{id}", "g", Mode.LEGACY, 0, false, null, List.of(), false),
            new RouteSpec("login", List.of("POST"), "/login", "s", Mode.LEGACY, 0, false, false, List.of(), false),
            new RouteSpec("touch", List.of("GET"), "/touch", "g", Mode.LEGACY, 0, false, true, List.of(), false)));

    private static final Toggle NEW_SHADOWING_READS = new Toggle(Mode.NEW, 0, true);
    private static final Supplier<String> NO_CALLER = () -> {
        throw new AssertionError("the caller is needed only in CANARY");
    };

    private static Decision decide(String routeId, Toggle toggle, HttpMethod method) {
        return Decision.of(catalog.route(routeId).orElseThrow(), toggle, method, NO_CALLER);
    }

    @ParameterizedTest
    @CsvSource({"read, GET", "read, HEAD"})
    void newModeWithShadowedReadsAnswersReadsFromTheCoreAndShadowsTheLegacy(String route, String method) {
        Decision decision = decide(route, NEW_SHADOWING_READS, HttpMethod.valueOf(method));

        assertThat(decision.backend()).isEqualTo(Backend.CORE);
        assertThat(decision.shadow()).isEqualTo(Backend.LEGACY);
        assertThat(decision.shadowed()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"create, POST", "update, PATCH", "delete, DELETE", "login, POST", "touch, GET"})
    void newModeWithShadowedReadsNeverSendsAWriteToTheLegacy(String route, String method) {
        Decision decision = decide(route, NEW_SHADOWING_READS, HttpMethod.valueOf(method));

        assertThat(decision.backend()).isEqualTo(Backend.CORE);
        assertThat(decision.shadow()).isNull();
        assertThat(decision.shadowed()).isFalse();
    }

    @Test
    void newModeWithoutShadowedReadsShadowsNothing() {
        Decision decision = decide("read", new Toggle(Mode.NEW, 0), HttpMethod.GET);

        assertThat(decision.backend()).isEqualTo(Backend.CORE);
        assertThat(decision.shadowed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"read, GET", "create, POST", "delete, DELETE"})
    void shadowModeAnswersFromTheLegacyAndShadowsTheCoreForReadsAndWrites(String route, String method) {
        Decision decision = decide(route, new Toggle(Mode.SHADOW, 0), HttpMethod.valueOf(method));

        assertThat(decision.backend()).isEqualTo(Backend.LEGACY);
        assertThat(decision.shadow()).isEqualTo(Backend.CORE);
    }

    @Test
    void legacyModeShadowsNothing() {
        Decision decision = decide("read", Toggle.LEGACY, HttpMethod.GET);

        assertThat(decision.backend()).isEqualTo(Backend.LEGACY);
        assertThat(decision.shadowed()).isFalse();
    }

    @Test
    void canaryShadowsTheCoreForTheLegacyShareOnly() {
        CatalogRoute read = catalog.route("read").orElseThrow();
        String caller = "email:alice@example.com";
        int bucket = Callers.bucket(caller);

        Decision onLegacy = Decision.of(read, new Toggle(Mode.CANARY, bucket), HttpMethod.GET, () -> caller);
        Decision onCore = Decision.of(read, new Toggle(Mode.CANARY, bucket + 1), HttpMethod.GET, () -> caller);

        assertThat(onLegacy.backend()).isEqualTo(Backend.LEGACY);
        assertThat(onLegacy.shadow()).isEqualTo(Backend.CORE);
        assertThat(onCore.backend()).isEqualTo(Backend.CORE);
        assertThat(onCore.shadowed()).isFalse();
    }

    @Test
    void refusesToShadowTheBackendThatAnswers() {
        assertThatThrownBy(() -> new Decision(null, Toggle.LEGACY, Backend.LEGACY, Backend.LEGACY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
