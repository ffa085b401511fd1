package io.ficus.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The console's browser login: a form, then a session cookie; changes made with the session need the CSRF token of
 * the {@code XSRF-TOKEN} cookie; API clients with HTTP Basic need none; a viewer's session may not change anything.
 */
class ConsoleSessionTest extends GatewayIntegrationTest {

    /** A browser: its own cookie jar, no redirects followed. */
    private final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> page(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(gateway(path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).findFirst().orElse(null);
        }

        HttpResponse<String> logIn(String user, String password, boolean withToken) throws IOException, InterruptedException {
            assertThat(page("/ficus/login.html").statusCode()).isEqualTo(200);
            String form = "username=" + enc(user) + "&password=" + enc(password) + (withToken ? "&_csrf=" + enc(cookie("XSRF-TOKEN")) : "");
            return send(HttpRequest.newBuilder(gateway("/ficus/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        HttpResponse<String> flip(String group, boolean withToken) throws IOException, InterruptedException {
            HttpRequest.Builder put = HttpRequest.newBuilder(gateway("/ficus/api/groups/" + group + "/mode"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"SHADOW\",\"reason\":\"from the console\"}"));
            if (withToken) {
                put.header("X-XSRF-TOKEN", cookie("XSRF-TOKEN"));
            }
            return send(put);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    @Test
    void sendsABrowserToTheLoginPageAndAnApiClientA401() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.page("/ficus/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/ficus/login.html");

        HttpResponse<String> api = browser.send(HttpRequest.newBuilder(gateway("/ficus/api/routes")).header("Accept", "text/html"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"ficus\"");

        HttpResponse<String> login = browser.page("/ficus/login.html");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("action=\"/ficus/login\"");
        assertThat(browser.cookie("XSRF-TOKEN")).isNotBlank();
    }

    @Test
    void logsAnOperatorInWithASessionThatFlipsOnlyWithItsCsrfToken() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.logIn(ADMIN, ADMIN_PASSWORD, true);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/ficus/");
        assertThat(browser.cookie("SESSION")).isNotBlank();

        assertThat(browser.page("/ficus/").statusCode()).isEqualTo(200);
        assertThat(browser.send(HttpRequest.newBuilder(gateway("/ficus/api/console/me"))).body()).contains("\"user\":\"admin\"", "\"operator\":true");

        HttpResponse<String> forged = browser.flip("memberships", false);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        assertThat(jdbc.queryForObject("select count(*) from route_toggle where mode = 'SHADOW'", Integer.class)).isZero();

        HttpResponse<String> flipped = browser.flip("memberships", true);
        assertThat(flipped.statusCode()).as(flipped.body()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select actor from toggle_audit where reason = 'from the console' limit 1", String.class))
                .isEqualTo(ADMIN);
    }

    @Test
    void refusesTheLoginFormWithoutItsCsrfTokenAndAWrongPassword() throws Exception {
        HttpResponse<String> withoutToken = new Browser().logIn(ADMIN, ADMIN_PASSWORD, false);
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        Browser browser = new Browser();
        HttpResponse<String> wrong = browser.logIn(ADMIN, "not-the-password", true);
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(wrong.headers().firstValue("Location")).hasValue("/ficus/login.html?error");
        assertThat(browser.send(HttpRequest.newBuilder(gateway("/ficus/api/routes"))).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesAViewersSessionAFlipEvenWithTheToken() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.logIn(VIEWER, VIEWER_PASSWORD, true).statusCode()).isEqualTo(302);
        assertThat(browser.send(HttpRequest.newBuilder(gateway("/ficus/api/routes"))).statusCode()).isEqualTo(200);

        HttpResponse<String> flip = browser.flip("phases", true);
        assertThat(flip.statusCode()).isEqualTo(403);
        assertThat(flip.body()).contains("OPERATOR");
        assertThat(jdbc.queryForObject("select count(*) from route_toggle where mode = 'SHADOW'", Integer.class)).isZero();
    }

    @Test
    void logsOutAndForgetsTheSession() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.logIn(VIEWER, VIEWER_PASSWORD, true).statusCode()).isEqualTo(302);
        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(gateway("/ficus/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(browser.cookie("XSRF-TOKEN")))));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValue("/ficus/login.html?logout");
        assertThat(browser.send(HttpRequest.newBuilder(gateway("/ficus/api/routes"))).statusCode()).isEqualTo(401);
    }

    @Test
    void letsAnApiClientWithHttpBasicChangeWithoutACsrfTokenEvenWithASessionCookie() throws Exception {
        HttpResponse<String> flip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(gateway("/ficus/api/groups/phases/mode"))
                .header("Authorization", adminAuthorization()).header("Cookie", "SESSION=made-up")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"mode\":\"SHADOW\",\"reason\":\"api client\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(flip.statusCode()).as(flip.body()).isEqualTo(200);
        assertThat(flip.headers().firstValue("Set-Cookie")).as("HTTP Basic stays stateless").isEmpty();
    }

}
