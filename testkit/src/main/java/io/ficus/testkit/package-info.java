/**
 * Real servers for tests and the sandbox: a PostgreSQL with logical decoding enabled and a
 * Kafka broker in KRaft mode.
 *
 * <p>{@link io.ficus.testkit.TestInfra} hands out one PostgreSQL and one Kafka per JVM,
 * started on first use and stopped when the JVM exits, after Spring has closed its contexts.
 * Each test class asks it for its own database and its own topic prefix, so test classes
 * never see each other's data. {@code FICUS_TEST_INFRA} (environment variable or system
 * property) chooses the servers: {@code embedded} (zonky's PostgreSQL binaries and an
 * in-process KRaft broker, no Docker needed), {@code containers} (Testcontainers) or
 * {@code auto} (containers when a Docker engine answers, embedded otherwise; the default).
 *
 * <p>The sandbox uses {@link io.ficus.testkit.EmbeddedPostgresServer} and
 * {@link io.ficus.testkit.EmbeddedKafkaServer} directly, with persistent directories.
 */
package io.ficus.testkit;
