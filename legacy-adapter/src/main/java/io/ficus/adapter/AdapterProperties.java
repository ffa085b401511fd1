package io.ficus.adapter;

import io.ficus.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the legacy-adapter.
 *
 * @param topicPrefix prepended to every topic name (tests only; empty in production)
 * @param legacyChangesPartitions partitions of {@code ticketing.legacy-changes}, created with them
 *                    (or raised to them) at startup; the core applies as many partitions in
 *                    parallel; keep it equal to new-core's
 * @param topicReplicas replication factor of the topics this adapter creates (3 on a Kafka cluster)
 * @param retryInitialBackoff the first pause before a record that failed for a transient reason (a
 *                    server away) is tried again; doubled per attempt, without a limit on attempts
 * @param retryMaxBackoff the longest pause between two attempts at a failing record
 * @param asyncOffsetCommits whether the listeners commit a handled poll's offsets without waiting for Kafka's answer
 *                    (the next poll starts at once): a commit costs a round trip, and on a loaded broker that flushes
 *                    each append it took as long as the produce acknowledgement the poll already waited for. A commit
 *                    that is lost (Kafka away, a crash) only redelivers records whose translations and writes are
 *                    idempotent (same event ids, versions); {@code false} waits for each commit
 */
@ConfigurationProperties("ficus.adapter")
public record AdapterProperties(@DefaultValue("") String topicPrefix,
                                @DefaultValue("4") int legacyChangesPartitions,
                                @DefaultValue("1") short topicReplicas,
                                @DefaultValue("100ms") java.time.Duration retryInitialBackoff,
                                @DefaultValue("10s") java.time.Duration retryMaxBackoff,
                                @DefaultValue("true") boolean asyncOffsetCommits) {

    public AdapterProperties {
        if (legacyChangesPartitions < 1) {
            throw new IllegalArgumentException("ficus.adapter.legacy-changes-partitions must be at least 1, not " + legacyChangesPartitions);
        }
        if (retryInitialBackoff.isNegative() || retryInitialBackoff.isZero() || retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
            throw new IllegalArgumentException("ficus.adapter.retry-initial-backoff must be positive and at most ficus.adapter.retry-max-backoff");
        }
        if (topicReplicas < 1) {
            throw new IllegalArgumentException("ficus.adapter.topic-replicas must be at least 1, not " + topicReplicas);
        }
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
