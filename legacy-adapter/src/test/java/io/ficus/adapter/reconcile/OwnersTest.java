package io.ficus.adapter.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ficus.adapter.reconcile.ReconciliationProperties.Gateway;
import io.ficus.adapter.reconcile.ReconciliationProperties.Owner;
import io.ficus.contracts.EntityType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OwnersTest {

    static final WireMockServer gateway = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        gateway.start();
    }

    @AfterAll
    static void stop() {
        gateway.stop();
    }

    @BeforeEach
    void reset() {
        gateway.resetAll();
    }

    static String route(String id, String group, boolean write, String mode) {
        return "{\"id\":\"" + id + "\",\"group\":\"" + group + "\",\"write\":" + write + ",\"mode\":\"" + mode + "\",\"percent\":0}";
    }

    void routes(String... routes) {
        gateway.stubFor(get("/ficus/api/routes").withBasicAuth("admin", "secret").willReturn(okJson("[" + String.join(",", routes) + "]")));
    }

    static Owners owners(Map<EntityType, Owner> configured, Gateway gateway) {
        var properties = new ReconciliationProperties(null, configured, Duration.ofSeconds(5), 5000, null, Duration.ofSeconds(5), gateway,
                2, org.springframework.util.unit.DataSize.ofMegabytes(64));
        return new Owners(properties, JsonMapper.builder().build());
    }

    Gateway gatewayAt() {
        return new Gateway(URI.create(gateway.baseUrl()), "admin", "secret", null);
    }

    @Test
    void followsTheGatewaysRoutingOfEachGroupsWritesUnlessAnOwnerIsConfigured() {
        routes(route("users-update", "users", true, "LEGACY"), route("users-get", "users", false, "NEW"),
                route("projects-update", "projects", true, "SHADOW"),
                route("memberships-invite", "memberships", true, "LEGACY"),
                route("phases-create", "phases", true, "NEW"), route("phases-update", "phases", true, "NEW"),
                route("tickets-create", "tickets", true, "NEW"), route("tickets-get", "tickets", false, "LEGACY"));

        assertThat(owners(Map.of(), gatewayAt()).resolve()).containsExactlyInAnyOrderEntriesOf(Map.of(
                EntityType.USER, Owner.LEGACY, EntityType.PROJECT, Owner.LEGACY, EntityType.MEMBERSHIP, Owner.LEGACY,
                EntityType.PHASE, Owner.CORE, EntityType.TICKET, Owner.CORE));
        assertThat(owners(Map.of(EntityType.TICKET, Owner.LEGACY), gatewayAt()).resolve())
                .containsEntry(EntityType.TICKET, Owner.LEGACY).containsEntry(EntityType.PHASE, Owner.CORE);
        assertThat(gateway.getAllServeEvents()).as("reads only, so a viewer's credential suffices").isNotEmpty()
                .allMatch(e -> com.github.tomakehurst.wiremock.http.RequestMethod.GET.equals(e.getRequest().getMethod()));
    }

    @Test
    void refusesATypeWhoseWritesACanarySplits() {
        routes(route("users-update", "users", true, "LEGACY"), route("projects-update", "projects", true, "LEGACY"),
                route("memberships-invite", "memberships", true, "LEGACY"), route("phases-create", "phases", true, "LEGACY"),
                route("tickets-create", "tickets", true, "CANARY"));

        assertThatThrownBy(() -> owners(Map.of(), gatewayAt()).resolve()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot repair TICKET").hasMessageContaining("split");
        assertThat(owners(Map.of(EntityType.TICKET, Owner.CORE), gatewayAt()).resolve())
                .as("unless an owner is configured").containsEntry(EntityType.TICKET, Owner.CORE);
    }

    @Test
    void refusesWhenTheGatewayCannotBeAsked() {
        gateway.stubFor(get("/ficus/api/routes").willReturn(aResponse().withStatus(401)));
        assertThatThrownBy(() -> owners(Map.of(), gatewayAt()).resolve()).hasMessageContaining("answered 401")
                .hasMessageContaining("gateway.username/password").hasMessageNotContaining("secret");

        var nowhere = new Gateway(URI.create("http://127.0.0.1:1"), "admin", "secret", null);
        assertThatThrownBy(() -> owners(Map.of(), nowhere).resolve()).hasMessageContaining("did not answer");
    }

    @Test
    void withoutAGatewayTheLegacyOwnsWhatIsNotConfigured() {
        assertThat(owners(Map.of(EntityType.TICKET, Owner.CORE), null).resolve())
                .containsEntry(EntityType.TICKET, Owner.CORE).containsEntry(EntityType.USER, Owner.LEGACY);
        assertThat(gateway.getAllServeEvents()).isEmpty();
    }
}
