package io.ficus.gateway.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;

class RouteCatalogTest {

    private static RouteCatalog configured() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        List<RouteSpec> specs = new Binder(ConfigurationPropertySources.get(environment))
                .bind("ficus.gateway.routes", Bindable.listOf(RouteSpec.class)).get();
        return new RouteCatalog(specs);
    }

    @ParameterizedTest
    @CsvSource({
            "POST, /api/register, register, users",
            "POST, /api/login, login, sessions",
            "GET, /api/users/me, users-me, users",
            "GET, /api/users/6f1c, users-get, users",
            "GET, /api/users, users-find, users",
            "PATCH, /api/users/6f1c, users-update, users",
            "DELETE, /api/users/6f1c, users-delete, users",
            "POST, /api/projects, projects-create, projects",
            "GET, /api/projects, projects-list, projects",
            "GET, /api/projects/p1, projects-get, projects",
            "PATCH, /api/projects/p1, projects-update, projects",
            "DELETE, /api/projects/p1, projects-delete, projects",
            "GET, /api/projects/p1/memberships, memberships-list, memberships",
            "POST, /api/projects/p1/memberships, memberships-invite, memberships",
            "GET, /api/users/me/memberships, memberships-mine, memberships",
            "PATCH, /api/memberships/m1, memberships-update, memberships",
            "DELETE, /api/memberships/m1, memberships-delete, memberships",
            "GET, /api/projects/p1/phases, phases-list, phases",
            "POST, /api/projects/p1/phases, phases-create, phases",
            "PATCH, /api/phases/f1, phases-update, phases",
            "DELETE, /api/phases/f1, phases-delete, phases",
            "POST, /api/projects/p1/tickets, tickets-create, tickets",
            "GET, /api/tickets/t1, tickets-get, tickets",
            "GET, /api/projects/p1/tickets, tickets-list, tickets",
            "GET, /api/users/me/tickets, tickets-mine, tickets",
            "PATCH, /api/tickets/t1, tickets-update, tickets",
            "DELETE, /api/tickets/t1, tickets-delete, tickets"})
    void coversEveryRouteOfThePublicApi(String method, String path, String id, String group) throws IOException {
        CatalogRoute route = configured().match(HttpMethod.valueOf(method), path).orElseThrow();

        assertThat(route.id()).isEqualTo(id);
        assertThat(route.group()).isEqualTo(group);
        assertThat(route.initial()).isEqualTo(Toggle.LEGACY);
    }

    @Test
    void matchesNothingOutsideTheCatalog() throws IOException {
        RouteCatalog catalog = configured();

        assertThat(catalog.match(HttpMethod.GET, "/api/unknown")).isEmpty();
        assertThat(catalog.match(HttpMethod.PUT, "/api/tickets/t1")).isEmpty();
    }

    @Test
    void matchesAHeadRequestToTheRouteOfGetForThePath() throws IOException {
        RouteCatalog catalog = configured();

        assertThat(catalog.match(HttpMethod.HEAD, "/api/tickets/t1").orElseThrow().id()).isEqualTo("tickets-get");
        assertThat(catalog.match(HttpMethod.HEAD, "/api/users/me").orElseThrow().id()).isEqualTo("users-me");
        assertThat(catalog.match(HttpMethod.HEAD, "/api/login")).isEmpty();
    }

    @Test
    void treatsLoginAsARead() throws IOException {
        assertThat(configured().route("login").orElseThrow().write()).isFalse();
        assertThat(configured().route("register").orElseThrow().write()).isTrue();
    }

    @Test
    void prefersTheMostSpecificPatternWhateverTheOrder() {
        RouteCatalog catalog = new RouteCatalog(List.of(
                new RouteSpec("any", List.of("GET"), "/api/users/{id}", "users", Mode.LEGACY, 0, false, null, List.of(), false),
                new RouteSpec("me", List.of("GET"), "/api/users/me", "users", Mode.LEGACY, 0, false, null, List.of(), false)));

        assertThat(catalog.match(HttpMethod.GET, "/api/users/me").orElseThrow().id()).isEqualTo("me");
        assertThat(catalog.match(HttpMethod.GET, "/api/users/42").orElseThrow().id()).isEqualTo("any");
    }

    @Test
    void refusesDuplicateIds() {
        RouteSpec spec = new RouteSpec("a", List.of("GET"), "/api/a", "g", Mode.LEGACY, 0, false, null, List.of(), false);

        assertThatThrownBy(() -> new RouteCatalog(List.of(spec, spec))).hasMessageContaining("duplicate route id a");
    }
}
