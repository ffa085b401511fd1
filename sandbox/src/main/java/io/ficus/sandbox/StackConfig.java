package io.ficus.sandbox;

import io.ficus.testkit.Database;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
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
 * @param users           the users of the gateway's and legacy-adapter's admin APIs
 *                        ({@code ficus.security.users}), with their passwords in clear: the stack
 *                        passes bcrypt hashes of them; at least one {@link Role#OPERATOR} and one
 *                        {@link Role#VIEWER}
 * @param jwtSecret       signing key shared by legacy-app and new-core
 * @param gatewaySecret   {@code ficus.security.gateway-secret}, shared by the gateway, new-core and legacy-app
 *                        (at least 32 characters): the new core honours a dry run only with it, and both
 *                        applications take the gateway's pushes of write ownership only with it
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
        List<User> users,
        String jwtSecret,
        String gatewaySecret) {

    /** A role of the admin APIs: a viewer reads evidence, an operator also flips and repairs. */
    public enum Role { VIEWER, OPERATOR }

    /**
     * A user of the admin APIs.
     *
     * @param name     user name
     * @param password password in clear (the applications get its bcrypt hash)
     * @param role     its role
     */
    public record User(String name, String password, Role role) {
    }

    public StackConfig {
        users = List.copyOf(users);
        if (users.stream().noneMatch(u -> u.role() == Role.OPERATOR) || users.stream().noneMatch(u -> u.role() == Role.VIEWER)) {
            throw new IllegalArgumentException("a stack needs an operator and a viewer");
        }
        if (gatewaySecret == null || gatewaySecret.length() < 32) {
            throw new IllegalArgumentException("the gateway secret needs at least 32 characters");
        }
    }

    /** A fresh random gateway secret (64 hex characters). */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public int port(App app) {
        return ports.getOrDefault(app, app.defaultPort());
    }

    public String url(App app) {
        return "http://localhost:" + port(app);
    }

    /** The first operator: flips modes and runs reconciliations. */
    public User operator() {
        return users.stream().filter(u -> u.role() == Role.OPERATOR).findFirst().orElseThrow();
    }

    /** The first viewer: reads evidence; legacy-adapter reads the gateway's modes with it. */
    public User viewer() {
        return users.stream().filter(u -> u.role() == Role.VIEWER).findFirst().orElseThrow();
    }

    /** The operator's name. */
    public String adminUser() {
        return operator().name();
    }

    /** The operator's password. */
    public String adminPassword() {
        return operator().password();
    }
}
