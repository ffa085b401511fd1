package io.ficus.sandbox;

import io.ficus.testkit.Database;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the applications of one stack are pointed at.
 *
 * @param projectRoot     the checkout, whose {@code <module>/target} holds the built jars
 * @param workDirectory   where logs and the CDC offsets live
 * @param legacyDb        the legacy database
 * @param coreDb          the new core's database
 * @param gatewayDb       the gateway's database
 * @param kafka           Kafka bootstrap servers
 * @param topicPrefix     prefix of every topic (empty in the sandbox; tests use their own)
 * @param ports           the port of each application
 * @param adminUser       gateway admin user
 * @param adminPassword   gateway admin password
 * @param jwtSecret       signing key shared by legacy-app and new-core
 */
public record StackConfig(
        Path projectRoot,
        Path workDirectory,
        Database legacyDb,
        Database coreDb,
        Database gatewayDb,
        String kafka,
        String topicPrefix,
        Map<App, Integer> ports,
        String adminUser,
        String adminPassword,
        String jwtSecret) {

    public int port(App app) {
        return ports.getOrDefault(app, app.defaultPort());
    }

    public String url(App app) {
        return "http://localhost:" + port(app);
    }
}
