/**
 * The whole Ficus stack on one machine: an embedded PostgreSQL and Kafka broker, and the
 * five applications each in its own JVM, started from their executable jars exactly as
 * they run in production ({@code docker-compose.yml}), only pointed at the embedded servers.
 *
 * <p>{@link io.ficus.sandbox.Stack} starts and stops the applications; the end-to-end tests
 * use it too. {@link io.ficus.sandbox.Sandbox} is the command line around it.
 */
package io.ficus.sandbox;
