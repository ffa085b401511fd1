package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.sandbox.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * There is no Docker engine to run {@code docker-compose.yml} here, so the build keeps it
 * honest: every application is a service on its port, only the gateway is published, every
 * environment variable it sets names a property the application really reads (in its
 * {@code application.yml} or its {@code @ConfigurationProperties} metadata; an indexed variable
 * such as {@code FICUS_SECURITY_USERS_0_NAME} names an element of the list property before the
 * index), and no secret has a default.
 */
class DockerComposeConsistencyIT {

    static final Path root = Path.of("").toAbsolutePath().getParent();

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApplicationIsAServiceOnItsPortWithItsExecutableJar() throws IOException {
        var services = services();
        for (App app : App.values()) {
            assertThat(services).as("service for " + app.module()).containsKey(app.module());
            var service = (Map<String, Object>) services.get(app.module());
            List<Object> ports = (List<Object>) service.getOrDefault(app == App.GATEWAY ? "ports" : "expose", List.of());
            assertThat(ports.stream().map(String::valueOf).toList()).as("port of " + app.module())
                    .contains(app == App.GATEWAY ? app.defaultPort() + ":" + app.defaultPort() : String.valueOf(app.defaultPort()));
            assertThat(service.get("volumes").toString()).contains("./" + app.module() + "/target/" + app.module() + "-");
            assertThat(knownProperties(app)).as("server.port of " + app.module()).contains(canonical("server.port"));
            assertThat(Files.readString(applicationYml(app))).as("port in application.yml of " + app.module())
                    .contains("port: " + app.defaultPort());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheGatewayAndGrafanaArePublished() throws IOException {
        var published = new ArrayList<String>();
        services().forEach((name, service) -> {
            if (!name.equals(App.GATEWAY.module()) && !name.equals("grafana") && ((Map<String, Object>) service).containsKey("ports")) {
                published.add(name + " " + ((Map<String, Object>) service).get("ports"));
            }
        });
        assertThat(published).as("services published besides the gateway and Grafana").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noSecretHasADefaultAndNoBcryptHashIsLeftUnescaped() throws IOException {
        List<String> problems = new ArrayList<>();
        services().forEach((name, service) -> {
            var environment = (Map<String, Object>) ((Map<String, Object>) service).getOrDefault("environment", Map.of());
            environment.forEach((variable, value) -> {
                String text = String.valueOf(value);
                boolean secret = variable.endsWith("_SECRET") || (variable.startsWith("FICUS_SECURITY_USERS_") && variable.endsWith("_PASSWORD"));
                if (secret && !text.matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}")) {
                    problems.add(name + ": " + variable + " must be required (${VAR:?message}), not " + text);
                }
                if (text.matches("(?s).*(?<!\\$)\\$2[aby]?\\$.*")) {
                    problems.add(name + ": " + variable + " holds a bcrypt hash with single $ (compose reads them as variables; write $$)");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void anIndexedVariableNamesTheListPropertyBeforeItsIndex() {
        Set<String> known = Set.of(canonical("ficus.security.users"));
        assertThat(isKnown("FICUS_SECURITY_USERS_0_NAME", known)).isTrue();
        assertThat(isKnown("FICUS_SECURITY_USERS_12_PASSWORD", known)).isTrue();
        assertThat(isKnown("FICUS_SECURITY_USER_0_NAME", known)).isFalse();
        assertThat(isKnown("FICUS_SECURITY_USERS_NAME", known)).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyEnvironmentVariableNamesAPropertyTheApplicationReads() throws IOException {
        var services = services();
        List<String> unknown = new ArrayList<>();
        for (App app : App.values()) {
            var service = (Map<String, Object>) services.get(app.module());
            var environment = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            Set<String> known = knownProperties(app);
            for (String variable : environment.keySet()) {
                if (!isKnown(variable, known)) {
                    unknown.add(app.module() + ": " + variable);
                }
            }
        }
        assertThat(unknown).as("environment variables no application reads").isEmpty();
    }

    @Test
    void aMisspelledVariableIsCaught() throws IOException {
        assertThat(knownProperties(App.CDC_BRIDGE)).doesNotContain(canonical("FICUS_CDC_DATABSE_HOST"))
                .contains(canonical("FICUS_CDC_DATABASE_HOST"));
    }

    /** Known as it is, or as an element of a known list property: the part before its first numeric segment. */
    static boolean isKnown(String variable, Set<String> known) {
        if (known.contains(canonical(variable))) {
            return true;
        }
        String[] segments = variable.split("_");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].matches("\\d+")) {
                return i < segments.length - 1 && known.contains(canonical(String.join("_", java.util.Arrays.copyOfRange(segments, 0, i))));
            }
        }
        return false;
    }

    /** Relaxed binding: {@code FICUS_CDC_OFFSET_FILE} and {@code ficus.cdc.offset-file} are the same property. */
    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace(".", "").replace("-", "");
    }

    static Path applicationYml(App app) {
        return root.resolve(app.module()).resolve("src/main/resources/application.yml");
    }

    static Set<String> knownProperties(App app) throws IOException {
        Set<String> keys = new HashSet<>();
        for (Object document : new Yaml().loadAll(Files.readString(applicationYml(app)))) {
            flatten("", document, keys);
        }
        Path metadata = root.resolve(app.module()).resolve("target/classes/META-INF/spring-configuration-metadata.json");
        if (Files.exists(metadata)) {
            JsonNode properties = Http.json.readTree(Files.readString(metadata)).path("properties");
            properties.forEach(p -> keys.add(canonical(p.get("name").asString())));
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, keys));
        } else if (!prefix.isEmpty()) {
            keys.add(canonical(prefix));
        }
    }
}
