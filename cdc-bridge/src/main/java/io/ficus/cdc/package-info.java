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
 * host; a bridge on another host would find no offsets and snapshot again. Each save replaces the file by an atomic
 * rename ({@code AtomicFileOffsetBackingStore}): Kafka Connect's file store rewrites it in place, and a bridge killed in
 * the middle of that left a truncated file it could never restart from ({@code CdcBridgeCrashIT} caught it). {@code jdbc}: Debezium's
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
 *
 * <h2>Cost per change</h2>
 * A snapshot is CPU-bound in the bridge (about 115 µs of CPU a row on this 2-core machine: Debezium's reading thread,
 * its JSON conversion, and this package's publishing, each on a thread of its own). Two costs of every change are
 * cut: the publisher finds a change's {@code op}, commit time and snapshot marker by a scan of the envelope's text
 * instead of a second parse ({@code KafkaChangePublisher.Envelope}). Left as it is: Debezium's {@code LastEvent} JMX
 * metric, which Debezium formats ({@code toString} of the whole record) for every event on its reading thread, about a
 * seventh of the bridge's CPU in a snapshot; it cannot be turned off by configuration, and replacing Debezium's class
 * with a copy of our own would tie the bridge to one Debezium release. A change upstream (format it when read) is the
 * way to take it.
 */
package io.ficus.cdc;
