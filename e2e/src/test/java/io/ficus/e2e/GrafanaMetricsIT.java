package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard in {@code ops/grafana/dashboards} queries only metrics the running applications publish: every
 * metric name in every panel's PromQL is found in a scrape of the applications' {@code /actuator/prometheus} on the
 * end-to-end stack (the gateway's with the viewer, as Prometheus scrapes it), after the traffic that creates the
 * metrics registered on first use (a shadowed route, comparisons, and a burst that overflows the shadow queue).
 */
class GrafanaMetricsIT {

    static final Path DASHBOARD = DockerComposeConsistencyIT.root.resolve("ops/grafana/dashboards/ficus-migration.json");
    static final Pattern METRIC = Pattern.compile("\\b((?:ficus|jvm|kafka|process|http|hikaricp)_[a-zA-Z0-9_]+)\\b");
    static final String ROUTE = "users-me";
    static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static Stack stack;
    static boolean flipped;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.get();
    }

    @AfterAll
    static void restoreTheRoute() {
        if (flipped) {
            var restored = Http.operator(stack.config(), App.GATEWAY).put("/ficus/api/routes/" + ROUTE + "/mode",
                    Map.of("mode", "LEGACY", "reason", "GrafanaMetricsIT: done"));
            assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        }
    }

    @Test
    void everyMetricTheDashboardQueriesIsPublishedByTheRunningApplications() throws Exception {
        Set<String> queried = queriedMetrics();
        assertThat(queried).as("the dashboard queries the migration's metrics").contains(
                "ficus_gateway_requests_seconds_count", "ficus_gateway_comparisons_total", "ficus_gateway_shadow_shed_total",
                "ficus_cdc_lag_last_milliseconds", "ficus_adapter_reconciliation_drift", "ficus_cdc_slot_retained_bytes",
                "jvm_memory_used_bytes");

        shadowTrafficUntilSomeIsShed();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<String> published = published();
            List<String> missing = queried.stream().filter(name -> !published.contains(name)).toList();
            assertThat(missing).as("metrics the dashboard queries that no application publishes; published: " + published)
                    .isEmpty();
        });
    }

    @Test
    void aMisspelledMetricWouldBeCaught() throws Exception {
        Set<String> published = published();
        assertThat(published).contains("jvm_memory_used_bytes").doesNotContain("jvm_memory_usd_bytes");
    }

    /** Every metric name in the PromQL of every panel's targets. */
    static Set<String> queriedMetrics() throws IOException {
        JsonNode dashboard = Http.json.readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asString());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** The metric names of a scrape of every application, the gateway's with the viewer. */
    static Set<String> published() throws Exception {
        Set<String> names = new TreeSet<>();
        for (App app : App.values()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.config().url(app) + "/actuator/prometheus"))
                    .timeout(Duration.ofSeconds(20)).GET();
            if (app == App.GATEWAY) {
                String credentials = stack.config().viewer().name() + ":" + stack.config().viewer().password();
                request.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes()));
            }
            HttpResponse<String> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(app + " /actuator/prometheus").isEqualTo(200);
            for (String line : answer.body().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
        }
        return names;
    }

    /**
     * Puts a read route in SHADOW and sends bursts of concurrent reads until the gateway shed one (beyond its
     * {@code max-rate} or a full queue: the shed counter is registered on the first one).
     */
    static void shadowTrafficUntilSomeIsShed() {
        Http user = new Http(stack.config().url(App.GATEWAY), null).signUp("Grafana");
        var shadow = Http.operator(stack.config(), App.GATEWAY).put("/ficus/api/routes/" + ROUTE + "/mode",
                Map.of("mode", "SHADOW", "reason", "GrafanaMetricsIT: publish the comparison metrics"));
        assertThat(shadow.status()).as(shadow.body()).isEqualTo(200);
        flipped = true;
        HttpRequest read = HttpRequest.newBuilder(URI.create(stack.config().url(App.GATEWAY) + "/api/users/me"))
                .header("Authorization", "Bearer " + user.token()).timeout(Duration.ofSeconds(60)).GET().build();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(10)).until(() -> {
            List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                burst.add(client.sendAsync(read, HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(burst.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            return published().contains("ficus_gateway_shadow_shed_total");
        });
    }
}
