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
 *
 * <p>The tests of every module talk HTTP through the clients here, so a fix to one reaches all:
 * {@link io.ficus.testkit.TestHttp} for ordinary JSON requests (immutable, with credentials and an
 * optional listener of every exchange), {@link io.ficus.testkit.RawHttp} for one hand-made request
 * per connection (a target byte for byte, a chunked body, a chosen loopback client address), and
 * {@link io.ficus.testkit.RawConnection} for a connection written piece by piece and read with
 * deadlines (slow clients, smuggling). {@link io.ficus.testkit.OpenApiContract} checks exchanges
 * against the OpenAPI documents of {@code contracts}. Jackson and the OpenAPI validator are
 * optional dependencies here: the modules' tests bring them, the sandbox does not need them.
 *
 * <p>A test body that more than one application must pass lives here once, as a JUnit interface with default test
 * methods that each application's test class implements with what differs (its address, the questions in its own
 * schema): {@link io.ficus.testkit.races.CrossAggregateRaces}, the legacy's and the core's race tests. JUnit and
 * AssertJ are optional dependencies for it, like Jackson.
 */
package io.ficus.testkit;
