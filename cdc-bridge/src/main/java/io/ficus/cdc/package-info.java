/**
 * cdc-bridge: streams every committed change of the legacy PostgreSQL database into Kafka.
 *
 * <p>A Debezium embedded engine (pgoutput plugin) reads the legacy tables through a
 * publication and a logical replication slot: first a consistent snapshot, then the stream.
 * Each row change is published to {@code legacy.cdc.<table>}, keyed by the row's primary
 * key, with Debezium's JSON envelope ({@code before}, {@code after}, {@code op},
 * {@code source.lsn}, {@code source.txId}, {@code source.ts_ms}) as the value.
 *
 * <p>Delivery is at least once: a batch's offsets are marked processed only after Kafka
 * acknowledged every record of the batch (idempotent producer, {@code acks=all}), and the
 * offsets are stored in a file that survives restarts. After a crash, records published
 * since the last stored offset are published again; consumers are idempotent.
 */
package io.ficus.cdc;
