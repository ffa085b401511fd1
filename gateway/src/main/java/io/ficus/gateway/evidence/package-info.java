/**
 * Evidence an engineer can flip on: the history of comparisons and served requests per route and minute (added up by
 * every replica in the gateway database), the groups' promotion policies and their readiness, the gate on promotions,
 * and the automatic rollback of a group whose evidence turns bad.
 *
 * <p>Design reasons. Counts are aggregated in memory and flushed with upsert-increments every second, so the request
 * path never touches the database and replicas add up without coordination. Latency is kept as fixed histogram buckets
 * per minute, which add up across replicas and minutes (exact percentiles would not); percentiles are bucket upper
 * bounds. The gate reads the same history as the console, so what an engineer sees is what the gate decides on. The
 * rollback flips through the handover coordinator (never around it), one replica at a time under a PostgreSQL advisory
 * lock, and only looks at evidence since the group's last flip, so what the group did in an earlier mode never rolls
 * it back. The sync watermark of shadow calls lives beside the dispatcher ({@code compare.SyncWatermark}); see
 * gateway/README.md, "Evidence".
 */
package io.ficus.gateway.evidence;
