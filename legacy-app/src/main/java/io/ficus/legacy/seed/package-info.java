/**
 * The seeding command: a realistic population written with batched JDBC straight into the legacy schema, for demos, the sandbox and benchmarks.
 */
package io.ficus.legacy.seed;
