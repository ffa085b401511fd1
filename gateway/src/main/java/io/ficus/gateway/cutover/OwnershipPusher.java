package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Backend;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.GatewaySecret;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes a group's write owner to one application: {@code PUT /ficus/ownership/{group}} with the gateway's secret, the
 * owner, the epoch and the group's write routes from the catalog. Blocking: call it off the event loop.
 *
 * <p>Epochs come from the handover ids, three per handover {@code h}: {@code 3h} revokes the old owner (after DRAIN),
 * {@code 3h+1} grants the new one (at SWITCH), {@code 3h+2} is the settled ownership once the handover ended: the
 * coordinator's give-back to the old owner when it aborts, and the reconcile's push of what the toggles say afterwards
 * (DONE or ABORTED). A group never handed over has epoch 0. The applications ignore a push older than the epoch they
 * recorded and apply one of an equal epoch, so the reconcile corrects a give-back that raced with replicas ending the
 * handover DONE.
 */
public class OwnershipPusher {

    /** A push the application did not accept: it answered {@code status} (409 for an older epoch), or 0 when unreachable. */
    public static final class PushFailed extends RuntimeException {

        private final int status;

        PushFailed(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The application's status, 0 when it could not be reached. */
        public int status() {
            return status;
        }
    }

    /**
     * The last push of a group to one application.
     *
     * @param owner   the owner pushed
     * @param epoch   its epoch
     * @param outcome {@code accepted}, {@code stale} (the application holds a newer epoch) or {@code failed: ...}
     * @param at      when
     */
    public record LastPush(String owner, long epoch, String outcome, Instant at) {
    }

    private static final JsonMapper json = JsonMapper.builder().build();

    private final RouteCatalog catalog;
    private final Map<Backend, RestClient> clients;
    private final Map<Backend, URI> urls;
    private final MeterRegistry meters;
    private final Map<String, LastPush> last = new ConcurrentHashMap<>();

    public OwnershipPusher(RouteCatalog catalog, GatewayProperties properties, GatewaySecret secret,
                           OwnershipProperties settings, MeterRegistry meters) {
        this.catalog = catalog;
        this.meters = meters;
        this.urls = Map.of(Backend.LEGACY, properties.legacyUrl(), Backend.CORE, properties.coreUrl());
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(settings.timeout());
        this.clients = new java.util.EnumMap<>(Backend.class);
        for (Backend backend : Backend.values()) {
            clients.put(backend, RestClient.builder().requestFactory(requests).baseUrl(urls.get(backend).toString())
                    .defaultHeader(GatewaySecret.HEADER, secret.gatewaySecret()).build());
        }
    }

    /** The epoch of a handover's step. */
    public enum Step {
        REVOKE(0), GRANT(1), SETTLE(2);

        private final int offset;

        Step(int offset) {
            this.offset = offset;
        }

        /** The epoch of this step of handover {@code handover}. */
        public long epoch(long handover) {
            return handover * 3 + offset;
        }
    }

    /** The backend of an owner name ({@code legacy} or {@code core}). */
    static Backend backend(String owner) {
        return "core".equals(owner) ? Backend.CORE : Backend.LEGACY;
    }

    /** The groups with write routes, the only ones with an owner. */
    List<String> writeGroups() {
        return catalog.routes().stream().filter(CatalogRoute::write).map(CatalogRoute::group).distinct().sorted().toList();
    }

    /** One route of a group's write routes as the applications take it. */
    List<Map<String, Object>> writeRoutes(String group) {
        return catalog.group(group).stream().filter(CatalogRoute::write)
                .map(route -> {
                    List<String> methods = route.methods().stream()
                            .filter(m -> !HttpMethod.GET.equals(m) && !HttpMethod.HEAD.equals(m))
                            .map(HttpMethod::name).sorted().toList();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("methods", methods);
                    entry.put("path", route.path());
                    return entry;
                })
                .filter(entry -> !((List<?>) entry.get("methods")).isEmpty())
                .toList();
    }

    /**
     * Tells {@code target} that {@code owner} owns {@code group}'s writes from {@code epoch} on, and returns once it
     * applied it (a revoke: once its writes of the group in flight ended).
     *
     * @throws PushFailed when the application refused it (409: it holds a newer epoch), failed, or was not reached
     */
    public void push(Backend target, String group, String owner, long epoch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("epoch", epoch);
        body.put("routes", writeRoutes(group));
        String outcome = "failed";
        try {
            clients.get(target).put().uri("/ficus/ownership/{group}", group).contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body)).retrieve().toBodilessEntity();
            outcome = "accepted";
        } catch (RestClientResponseException e) {
            outcome = e.getStatusCode().value() == 409 ? "stale" : "failed";
            String answer = e.getResponseBodyAsString();
            throw new PushFailed(e.getStatusCode().value(), target.description() + " answered " + e.getStatusCode().value()
                    + " to the ownership of group '" + group + "' (" + owner + " at epoch " + epoch + "): "
                    + (answer.length() > 300 ? answer.substring(0, 300) + "..." : answer));
        } catch (ResourceAccessException e) {
            throw new PushFailed(0, target.description() + " at " + urls.get(target) + " could not be reached to push the"
                    + " ownership of group '" + group + "': " + e.getMostSpecificCause());
        } finally {
            last.put(group + "@" + target.tag(), new LastPush(owner, epoch, outcome, Instant.now()));
            meters.counter("ficus.gateway.ownership.pushes", "backend", target.tag(), "outcome", outcome).increment();
        }
    }

    /** The last push of each group to each application from this instance, keyed {@code group@legacy|core}. */
    public Map<String, LastPush> lastPushes() {
        return Map.copyOf(last);
    }
}
