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
 * offsets are stored after every batch. After a crash, records published since the last stored
 * offset are published again; consumers are idempotent.
 *
 * <h2>Where offsets live ({@code ficus.cdc.offset-storage})</h2>
 * {@code file} (the default, what the sandbox needs): {@code ficus.cdc.offset-file} on the bridge's
 * host; a bridge on another host would find no offsets and snapshot again. {@code jdbc}: Debezium's
 * JDBC offset store ({@code debezium-storage-jdbc}) keeps them in the table
 * {@code ficus_cdc.<ficus.cdc.offset-table>} (default {@code cdc_offsets}) of the legacy database
 * itself, created on first start, through the bridge's own connection settings; the snapshot is
 * skipped when that table holds offsets. Any bridge instance with the same database, slot and
 * table resumes where the last one stopped: the replication slot keeps the WAL from the last
 * confirmed position, the table says where to resume. Only one instance streams at a time: the
 * slot admits one client, and a second instance refuses to start while the slot stays held (after
 * 30 s), so a standby is started (or restarted by its supervisor) once the first is gone. The
 * offset table lives in the captured database, but is not captured (only the heartbeat table of
 * the bridge's schema is).
 *
 * <p>{@code debezium-storage-jdbc} is pinned at 3.5.0.Final while the engine is 3.6.3.Final: no
 * 3.6.x release of the storage module resolves from Maven Central. It implements Kafka Connect's
 * {@code OffsetBackingStore} with Debezium's configuration classes only, and
 * {@code OffsetTakeoverTest} proves it against the 3.6.3 engine; move it to the engine's version
 * once that is published.
 */
package io.ficus.cdc;
