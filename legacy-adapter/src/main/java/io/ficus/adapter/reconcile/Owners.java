package io.ficus.adapter.reconcile;

import io.ficus.adapter.reconcile.ReconciliationProperties.Gateway;
import io.ficus.adapter.reconcile.ReconciliationProperties.Owner;
import io.ficus.contracts.EntityType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which side owns the writes of each entity type, for repair: the owner configured for the type
 * ({@code owners.<TYPE>}), else what the gateway's routing says when a gateway is configured (the
 * write routes of the type's group answered by the legacy in LEGACY or SHADOW, by the core in
 * NEW), else the legacy. A type whose writes a canary splits between both sides has no owner:
 * repairing it from either side could undo the other's writes, so it is refused.
 */
@Component
class Owners {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final ReconciliationProperties properties;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Owners(ReconciliationProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /**
     * The owner of every entity type, asked of the gateway once.
     *
     * @throws IllegalStateException naming the type and the reason when an owner cannot be told
     */
    Map<EntityType, Owner> resolve() {
        Map<EntityType, Owner> owners = new EnumMap<>(EntityType.class);
        Map<String, Set<String>> writeModes = null;
        Gateway gateway = properties.gateway();
        for (EntityType type : EntityType.values()) {
            Owner configured = properties.owners().get(type);
            if (configured != null) {
                owners.put(type, configured);
            } else if (gateway == null || gateway.url() == null) {
                owners.put(type, Owner.LEGACY);
            } else {
                if (writeModes == null) {
                    writeModes = writeModesByGroup(gateway);
                }
                owners.put(type, ownerFromRouting(type, gateway.groupOf(type), writeModes));
            }
        }
        return owners;
    }

    private static Owner ownerFromRouting(EntityType type, String group, Map<String, Set<String>> writeModes) {
        Set<String> modes = writeModes.get(group);
        if (modes == null || modes.isEmpty()) {
            throw new IllegalStateException("Cannot repair " + type + ": the gateway has no write route in group '" + group
                    + "'; set ficus.adapter.reconciliation.owners." + type);
        }
        boolean legacy = modes.stream().anyMatch(m -> m.equals("LEGACY") || m.equals("SHADOW"));
        boolean core = modes.contains("NEW");
        if (modes.contains("CANARY") || (legacy && core)) {
            throw new IllegalStateException("Cannot repair " + type + ": the writes of group '" + group
                    + "' are split between the legacy and the core (" + modes + "), so neither side owns them;"
                    + " finish or roll back the canary, or set ficus.adapter.reconciliation.owners." + type);
        }
        return core ? Owner.CORE : Owner.LEGACY;
    }

    /** The modes of the write routes of each group, from the gateway's admin API. */
    private Map<String, Set<String>> writeModesByGroup(Gateway gateway) {
        String base = gateway.url().toString().replaceAll("/+$", "");
        var request = HttpRequest.newBuilder(URI.create(base + "/ficus/api/routes")).timeout(TIMEOUT).GET();
        if (gateway.username() != null) {
            String credentials = gateway.username() + ":" + (gateway.password() == null ? "" : gateway.password());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot repair: the gateway at " + base + " did not answer (" + e.getClass().getSimpleName()
                    + "), so the owners of the entity types are unknown", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the gateway for the owners", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Cannot repair: the gateway at " + base + " answered " + response.statusCode()
                    + " for its routes (check ficus.adapter.reconciliation.gateway.username/password)");
        }
        Map<String, Set<String>> modes = new java.util.HashMap<>();
        for (JsonNode route : json.readTree(response.body())) {
            if (route.path("write").asBoolean(false)) {
                modes.computeIfAbsent(route.path("group").asString(), g -> new TreeSet<>()).add(route.path("mode").asString());
            }
        }
        return modes;
    }
}
