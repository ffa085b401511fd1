package io.ficus.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.testkit.Database;
import io.ficus.testkit.TestHttp;
import io.ficus.testkit.TestInfra;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of every full-stack test: one running app on a random port and one PostgreSQL database,
 * shared by all test classes (same configuration, so one Spring context). Talks plain HTTP, and
 * checks every exchange against the OpenAPI document ({@link ContractCheck}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTest {

    private static Database database;
    private static final AtomicInteger users = new AtomicInteger();
    protected static final JsonMapper json = TestHttp.JSON;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void legacyDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().username());
        registry.add("spring.datasource.password", () -> database().password());
    }

    private static synchronized Database database() {
        if (database == null) {
            database = TestInfra.newDatabase("legacy");
        }
        return database;
    }

    /** An HTTP answer: status and parsed body (a missing node when empty). */
    public record Answer(int status, JsonNode body, String raw) {

        public Answer expect(int expected) {
            assertThat(status).as("status of answer %s", raw).isEqualTo(expected);
            return this;
        }

        /** Asserts the API's error body with this status, and returns it. */
        public Answer expectError(int expected) {
            expect(expected);
            assertThat(body.path("status").asInt()).isEqualTo(expected);
            assertThat(body.path("error").isString()).isTrue();
            assertThat(body.path("message").asString("")).isNotBlank();
            assertThat(body.path("path").asString("")).startsWith("/");
            return this;
        }

        public String text(String field) {
            return body.path(field).asString(null);
        }

        public String id() {
            return text("id");
        }
    }

    /** A registered, logged-in user. */
    public record Account(String id, String name, String email, String token, String project) {
    }

    protected Answer call(String method, String path, String token, Object body) {
        return call(method, path, token, body, "application/json");
    }

    protected Answer call(String method, String path, String token, Object body, String contentType) {
        TestHttp.Response response = TestHttp.to(port).bearer(token).recording(ContractCheck::check)
                .send(method, path, body, contentType);
        return new Answer(response.status(), response.json(), response.body());
    }

    protected Answer get(String path, Account who) {
        return call("GET", path, who == null ? null : who.token(), null);
    }

    protected Answer post(String path, Account who, Object body) {
        return call("POST", path, who == null ? null : who.token(), body);
    }

    protected Answer patch(String path, Account who, Object body) {
        return call("PATCH", path, who == null ? null : who.token(), body);
    }

    protected Answer delete(String path, Account who) {
        return call("DELETE", path, who == null ? null : who.token(), null);
    }

    /** Registers a fresh user and logs in. */
    protected Account newAccount() {
        String name = "User " + users.incrementAndGet();
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String id = call("POST", "/api/register", null, json.createObjectNode().put("name", name).put("email", email)
                .put("password", "secret-password")).expect(201).id();
        String token = call("POST", "/api/login", null, json.createObjectNode().put("email", email)
                .put("password", "secret-password")).expect(200).text("token");
        String project = call("GET", "/api/projects", token, null).expect(200).body().get(0).path("id").asString();
        return new Account(id, name, email, token, project);
    }

    /** The id of the account's default project, created at registration. */
    protected String defaultProject(Account who) {
        return who.project();
    }

    /** Phase ids of the project, in order. */
    protected java.util.List<String> phases(Account who, String projectId) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        get("/api/projects/" + projectId + "/phases", who).expect(200).body().forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }

    /** Makes {@code member} an accepted member of the project with the role, invited by {@code admin}. */
    protected String addMember(Account admin, String projectId, Account member, String role) {
        String membership = post("/api/projects/" + projectId + "/memberships", admin,
                json.createObjectNode().put("userId", member.id()).put("role", role)).expect(201).id();
        patch("/api/memberships/" + membership, member, json.createObjectNode().put("state", "ACCEPTED")).expect(200);
        return membership;
    }

    protected String createTicket(Account who, String projectId, String title, String... assignees) {
        var body = json.createObjectNode().put("title", title);
        var ids = body.putArray("assigneeIds");
        for (String a : assignees) {
            ids.add(a);
        }
        return post("/api/projects/" + projectId + "/tickets", who, body).expect(201).id();
    }

    protected int count(String sql, Object... args) {
        Integer n = jdbc.queryForObject(sql, Integer.class, args);
        return n == null ? 0 : n;
    }
}
