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
 * honest: every application is a service, published on its port, and every environment
 * variable it sets names a property the application really reads (in its
 * {@code application.yml} or its {@code @ConfigurationProperties} metadata).
 */
class DockerComposeConsistencyTest {

    static final Path root = Path.of("").toAbsolutePath().getParent();

    @SuppressWarnings("unchecked")
    static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyApplicationIsAServicePublishedOnItsPortWithItsExecutableJar() throws IOException {
        var services = services();
        for (App app : App.values()) {
            assertThat(services).as("service for " + app.module()).containsKey(app.module());
            var service = (Map<String, Object>) services.get(app.module());
            assertThat((List<String>) service.get("ports")).contains(app.defaultPort() + ":" + app.defaultPort());
            assertThat(service.get("volumes").toString()).contains("./" + app.module() + "/target/" + app.module() + "-");
            assertThat(knownProperties(app)).as("server.port of " + app.module()).contains(canonical("server.port"));
            assertThat(Files.readString(applicationYml(app))).as("port in application.yml of " + app.module())
                    .contains("port: " + app.defaultPort());
        }
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
                if (!known.contains(canonical(variable))) {
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
