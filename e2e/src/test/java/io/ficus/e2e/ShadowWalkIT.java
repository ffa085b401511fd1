package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.testkit.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every route group in SHADOW on the real stack with sync running: one walk through the whole public API through the
 * gateway (accounts, projects, memberships, phases, tickets, and the documented error cases), where the legacy and the
 * core answer alike (the parity suite says so), must give no MISMATCH and at most 5 % LAGGED comparisons; and a
 * difference planted in the core's data is reported as MISMATCH on the right route and path.
 */
class ShadowWalkIT {

    private static final Logger log = LoggerFactory.getLogger(ShadowWalkIT.class);
    private static final List<String> GROUPS = List.of("users", "sessions", "projects", "memberships", "phases", "tickets");
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private static Stack stack;
    private static Http operator;
    private static boolean flipped;

    @BeforeAll
    static void everyGroupInShadow() {
        stack = RunningStack.get();
        operator = Http.operator(stack.config(), App.GATEWAY);
        for (String group : GROUPS) {
            var answer = operator.put("/ficus/api/groups/" + group + "/mode",
                    Map.of("mode", "SHADOW", "reason", "ShadowWalkIT: shadow every group"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
        flipped = true;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode routes = operator.get("/ficus/api/routes").json();
            for (JsonNode route : routes) {
                if (!"SHADOW".equals(route.get("mode").asString())) {
                    return false;
                }
            }
            return true;
        });
    }

    @AfterAll
    static void everyGroupBackToLegacy() {
        if (!flipped) {
            return;
        }
        for (String group : GROUPS) {
            var answer = operator.put("/ficus/api/groups/" + group + "/mode",
                    Map.of("mode", "LEGACY", "reason", "ShadowWalkIT: done"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        }
    }

    /** Walk requests of catalog routes, counted per route id the way the gateway matches them. */
    private static final class Walk {
        final Http anonymous;
        int requests;

        Walk(Http anonymous) {
            this.anonymous = anonymous;
        }

        Http.Response call(Http as, String method, String path, Object body) {
            requests++;
            return switch (method) {
                case "GET" -> as.get(path);
                case "POST" -> as.post(path, body);
                case "PATCH" -> as.patch(path, body);
                default -> as.delete(path);
            };
        }

        Http account(String name, String email) {
            call(anonymous, "POST", "/api/register", Map.of("name", name, "email", email, "password", "secret-password"));
            var login = call(anonymous, "POST", "/api/login", Map.of("email", email, "password", "secret-password"));
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            return anonymous.withToken(login.json().get("token").asString());
        }
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String id(Http.Response response) {
        assertThat(response.status()).as(response.body()).isBetween(200, 201);
        return response.json().get("id").asString();
    }

    /** Totals by verdict over the last hour, every route added up. */
    private static Map<String, Long> totals() {
        var evidence = operator.get("/ficus/api/evidence?window=1h");
        assertThat(evidence.status()).as(evidence.body()).isEqualTo(200);
        Map<String, Long> totals = new HashMap<>();
        for (JsonNode route : evidence.json().get("routes")) {
            route.get("counts").properties().forEach(e -> totals.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            totals.merge("total", route.get("total").asLong(), Long::sum);
        }
        return totals;
    }

    private static long delta(Map<String, Long> after, Map<String, Long> before, String key) {
        return after.getOrDefault(key, 0L) - before.getOrDefault(key, 0L);
    }

    @Test
    void aWalkThroughTheWholeApiGivesNoMismatchAndFewLaggedAndAPlantedDifferenceIsAMismatchOnItsPath() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Http gateway = new Http(stack.config().url(App.GATEWAY), null);
        long lastComparison = lastComparisonId();
        Map<String, Long> before = totals();
        Walk w = new Walk(gateway);

        // accounts and users
        String adaEmail = "ada-" + run + "@example.com";
        Http ada = w.account("Ada", adaEmail);
        String adaId = id(w.call(ada, "GET", "/api/users/me", null));
        w.call(gateway, "POST", "/api/register", body("name", "Ada", "email", adaEmail.toUpperCase(), "password", "secret-password"));
        w.call(gateway, "POST", "/api/register", body("name", "Ada", "email", "nope", "password", "secret-password"));
        w.call(gateway, "POST", "/api/login", body("email", adaEmail, "password", "wrong"));
        w.call(gateway, "GET", "/api/users/me", null);
        w.call(ada, "GET", "/api/users/" + adaId, null);
        w.call(ada, "GET", "/api/users?email=" + adaEmail, null);
        w.call(ada, "GET", "/api/users/" + UUID.nameUUIDFromBytes(run.getBytes()), null);
        w.call(ada, "PATCH", "/api/users/" + adaId, body("name", "Adele"));
        String bobEmail = "bob-" + run + "@example.com";
        Http bob = w.account("Bob", bobEmail);
        String bobId = id(w.call(bob, "GET", "/api/users/me", null));
        w.call(ada, "PATCH", "/api/users/" + bobId, body("name", "X"));

        // projects
        w.call(ada, "GET", "/api/projects", null);
        String p = id(w.call(ada, "POST", "/api/projects", body("name", "Apollo", "description", "moon")));
        w.call(ada, "POST", "/api/projects", body("name", ""));
        w.call(ada, "GET", "/api/projects/" + p, null);
        w.call(ada, "PATCH", "/api/projects/" + p, body("name", "Artemis"));
        w.call(bob, "GET", "/api/projects/" + p, null);
        w.call(bob, "PATCH", "/api/projects/" + p, body("name", "Mine"));

        // memberships
        w.call(ada, "GET", "/api/projects/" + p + "/memberships", null);
        String m = id(w.call(ada, "POST", "/api/projects/" + p + "/memberships", body("userId", bobId, "role", "MEMBER")));
        w.call(ada, "POST", "/api/projects/" + p + "/memberships", body("userId", bobId, "role", "ADMIN"));
        w.call(ada, "POST", "/api/projects/" + p + "/memberships", body("userId", bobId, "role", "OWNER"));
        w.call(bob, "GET", "/api/users/me/memberships", null);
        w.call(bob, "PATCH", "/api/memberships/" + m, body("state", "ACCEPTED"));
        w.call(bob, "PATCH", "/api/memberships/" + m, body("role", "ADMIN"));
        w.call(bob, "GET", "/api/projects/" + p, null);

        // phases and tickets
        w.call(ada, "POST", "/api/projects/" + p + "/tickets", body("title", "t"));
        String a = id(w.call(ada, "POST", "/api/projects/" + p + "/phases", body("name", "A")));
        String b = id(w.call(ada, "POST", "/api/projects/" + p + "/phases", body("name", "B", "previousPhaseId", a)));
        w.call(ada, "POST", "/api/projects/" + p + "/phases", body("name", " "));
        w.call(ada, "GET", "/api/projects/" + p + "/phases", null);
        w.call(ada, "PATCH", "/api/phases/" + b, body("previousPhaseId", null));
        w.call(ada, "PATCH", "/api/phases/" + a, body("name", "Alpha"));
        String t = id(w.call(ada, "POST", "/api/projects/" + p + "/tickets", body("title", "Fix", "description", "now",
                "dueTime", "2026-12-24T18:00:00", "assigneeIds", List.of(bobId, adaId))));
        w.call(ada, "POST", "/api/projects/" + p + "/tickets", body("title", "x", "dueTime", "tomorrow"));
        w.call(ada, "GET", "/api/tickets/" + t, null);
        w.call(ada, "DELETE", "/api/phases/" + b, null);
        w.call(ada, "PATCH", "/api/tickets/" + t, body("phaseId", a));
        w.call(ada, "PATCH", "/api/tickets/" + t, body("dueTime", null, "title", "Fixed"));
        w.call(ada, "GET", "/api/projects/" + p + "/tickets", null);
        w.call(ada, "GET", "/api/projects/" + p + "/tickets?assigneeId=" + bobId, null);
        w.call(bob, "GET", "/api/users/me/tickets", null);
        w.call(ada, "DELETE", "/api/tickets/" + t, null);
        w.call(ada, "GET", "/api/tickets/" + t, null);
        w.call(ada, "DELETE", "/api/memberships/" + m, null);
        w.call(ada, "DELETE", "/api/projects/" + p, null);
        w.call(ada, "GET", "/api/projects/" + p, null);
        w.call(bob, "DELETE", "/api/users/" + bobId, null);
        w.call(ada, "GET", "/api/users/" + bobId, null);

        int walked = w.requests;
        Map<String, Long> after = await().atMost(SETTLE).pollInterval(Duration.ofMillis(500))
                .until(ShadowWalkIT::totals, now -> delta(now, before, "total") >= walked);
        long mismatches = delta(after, before, "MISMATCH");
        long lagged = delta(after, before, "LAGGED");
        long total = delta(after, before, "total");
        List<String> described = mismatchesSince(lastComparison);
        log.info("ShadowWalkIT: comparisons not MATCH: {}", notMatchingSince(lastComparison));
        double[] wait = shadowWait();
        double[] hold = quantiles("ficus_gateway_shadow_hold_seconds", "outcome=\"compared\"");
        log.info("ShadowWalkIT: writes held before the legacy took them (fence and dry run): p50 {} ms, p99 {} ms", hold[0],
                hold[1]);
        log.info("ShadowWalkIT: {} requests walked, {} comparisons: {} MATCH, {} MISMATCH, {} LAGGED ({} %), {} ERROR, {} SKIPPED;"
                        + " shadow wait p50 {} ms, p99 {} ms; false mismatches: {}", walked, total,
                delta(after, before, "MATCH"), mismatches, lagged, String.format("%.1f", 100.0 * lagged / total),
                delta(after, before, "ERROR"), delta(after, before, "SKIPPED"), wait[0], wait[1], described);
        System.out.printf("ShadowWalkIT: false mismatches %d of %d comparisons, LAGGED %d (%.1f %%), shadow wait p50 %.0f ms,"
                + " p99 %.0f ms%n", mismatches, total, lagged, 100.0 * lagged / total, wait[0], wait[1]);

        assertThat(described).as("false mismatches").isEmpty();
        assertThat(mismatches).isZero();
        assertThat(delta(after, before, "ERROR")).isZero();
        assertThat((double) lagged / total).as("share of LAGGED").isLessThanOrEqualTo(0.05);

        // a behaviour difference planted in the core's data is reported on the right route and path
        String p2 = id(ada.post("/api/projects", body("name", "Planted")));
        ada.post("/api/projects/" + p2 + "/phases", body("name", "Todo"));
        String planted = id(ada.post("/api/projects/" + p2 + "/tickets", body("title", "Same everywhere")));
        Http core = new Http(stack.config().url(App.NEW_CORE), ada.token());
        await().atMost(SETTLE).until(() -> core.get("/api/tickets/" + planted).status() == 200);
        setTitleOnlyInTheCore(planted, "Changed in the core only");
        assertThat(ada.get("/api/tickets/" + planted).json().get("title").asString()).isEqualTo("Same everywhere");
        JsonNode comparison = await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (JsonNode c : operator.get("/ficus/api/comparisons?routeId=tickets-get&verdict=MISMATCH&limit=50").json()) {
                if (c.get("path").asString().equals("/api/tickets/" + planted)) {
                    return operator.get("/ficus/api/comparisons/" + c.get("id").asLong()).json();
                }
            }
            return null;
        }, c -> c != null);
        assertThat(comparison.get("routeId").asString()).isEqualTo("tickets-get");
        assertThat(comparison.get("differences").size()).as(comparison.toString()).isEqualTo(1);
        assertThat(comparison.get("differences").get(0).get("path").asString()).isEqualTo("$.title");
    }

    private static long lastComparisonId() {
        JsonNode last = operator.get("/ficus/api/comparisons?limit=1").json();
        return last.isEmpty() ? 0 : last.get(0).get("id").asLong();
    }

    /** Every stored comparison after {@code id} other than MATCH, with its route and detail (why it was not compared). */
    private static List<String> notMatchingSince(long id) {
        List<String> found = new ArrayList<>();
        for (String verdict : List.of("LAGGED", "ERROR", "SKIPPED")) {
            for (JsonNode c : operator.get("/ficus/api/comparisons?verdict=" + verdict + "&limit=500").json()) {
                if (c.get("id").asLong() > id) {
                    JsonNode full = operator.get("/ficus/api/comparisons/" + c.get("id").asLong()).json();
                    found.add(verdict + " " + full.get("routeId").asString() + " " + full.get("method").asString() + " "
                            + full.get("legacyStatus") + "/" + full.get("coreStatus") + ": " + full.get("detail"));
                }
            }
        }
        return found;
    }

    /** The stored MISMATCH comparisons after {@code id}, described. */
    private static List<String> mismatchesSince(long id) {
        List<String> found = new ArrayList<>();
        for (JsonNode c : operator.get("/ficus/api/comparisons?verdict=MISMATCH&limit=500").json()) {
            if (c.get("id").asLong() > id) {
                JsonNode full = operator.get("/ficus/api/comparisons/" + c.get("id").asLong()).json();
                found.add(full.get("routeId").asString() + " " + full.get("method").asString() + " "
                        + full.get("path").asString() + " " + full.get("legacyStatus") + "/" + full.get("coreStatus") + " "
                        + full.get("differences"));
            }
        }
        return found;
    }

    /** p50 and p99 of {@code ficus.gateway.shadow.wait} (shadowed core, reached or lagged), in ms, from Prometheus. */
    private static double[] shadowWait() {
        return quantiles("ficus_gateway_shadow_wait_seconds", "outcome=\"reached\"");
    }

    /** p50 and p99, in ms, of {@code metric}'s series for the core whose labels hold {@code label}. */
    private static double[] quantiles(String metric, String label) {
        try {
            var request = HttpRequest.newBuilder(URI.create(stack.config().url(App.GATEWAY) + "/actuator/prometheus"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (stack.config().adminUser() + ":" + stack.config().adminPassword()).getBytes()))
                    .GET().build();
            String text = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
            double[] result = {-1, -1};
            Matcher m = Pattern.compile(metric + "\\{([^}]*)} ([0-9.eE+-]+)").matcher(text);
            while (m.find()) {
                String labels = m.group(1);
                if (labels.contains(label) && (labels.contains("shadow=\"core\"") || !labels.contains("shadow="))) {
                    if (labels.contains("quantile=\"0.5\"")) {
                        result[0] = Double.parseDouble(m.group(2)) * 1000;
                    } else if (labels.contains("quantile=\"0.99\"")) {
                        result[1] = Double.parseDouble(m.group(2)) * 1000;
                    }
                }
            }
            if (result[0] < 0) {
                log.info("{} series: {}", metric, text.lines().filter(l -> l.contains(metric)).toList());
            }
            return result;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void setTitleOnlyInTheCore(String ticketId, String title) {
        Database db = stack.config().coreDb();
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var update = connection.prepareStatement("update tickets_ticket set title = ? where id = ?")) {
            update.setString(1, title);
            update.setObject(2, UUID.fromString(ticketId));
            assertThat(update.executeUpdate()).isEqualTo(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
