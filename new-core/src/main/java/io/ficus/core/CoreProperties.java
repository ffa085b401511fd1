package io.ficus.core;

import io.ficus.contracts.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the new core.
 *
 * @param topicPrefix              prepended to every topic name (tests only; empty in production)
 * @param publicationRetryInterval how often failed event publications (a listener or Kafka that
 *                                 failed) are resubmitted, and how old they must be
 * @param incompleteAfter          age after which a publication that never completed (a crash
 *                                 between commit and listener) is resubmitted
 * @param completedPublicationsKeptFor how long completed event publications stay in the registry
 *                                 (to see what was sent) before they are deleted, hourly
 * @param legacyChangesPartitions  partitions of {@code ticketing.legacy-changes} (created with them, or
 *                                 raised to them, at startup), and as many consumers apply them in
 *                                 parallel; keep it equal to legacy-adapter's
 * @param topicReplicas            replication factor of the topics the core creates (3 on a Kafka cluster)
 * @param legacyChangeMaxBackoff   the longest pause between two attempts at a legacy change that
 *                                 failed for a transient reason (the database away, say); such a
 *                                 change is retried without a limit (from 100 ms, doubled per
 *                                 attempt) while its partition waits; a change that can never be
 *                                 applied goes to the dead-letter topic instead
 * @param conflictRetries          how many more times a unit of work (a use case, a follow-up, a poll of
 *                                 legacy changes) that lost a race (a version check, a deadlock) is run
 *                                 again, inside the same request, before its failure is answered (409)
 *                                 or left to the publication registry / the legacy-change retry
 * @param conflictRetryDelay       the first pause before such a retry, doubled per attempt (up to 32 times
 *                                 it) with as much random jitter added
 * @param asyncOffsetCommits       whether the listener of {@code ticketing.legacy-changes} commits an applied poll's
 *                                 offsets without waiting for Kafka's answer (the next poll starts at once): a commit
 *                                 costs a round trip, on a loaded broker as long as the poll's own work. A commit that
 *                                 is lost (Kafka away, a crash) only redelivers changes the core skips by their source
 *                                 position; {@code false} waits for each commit
 */
@ConfigurationProperties("ficus.core")
public record CoreProperties(@DefaultValue("") String topicPrefix,
                             @DefaultValue("5s") Duration publicationRetryInterval,
                             @DefaultValue("1m") Duration incompleteAfter,
                             @DefaultValue("7d") Duration completedPublicationsKeptFor,
                             @DefaultValue("10s") Duration legacyChangeMaxBackoff,
                             @DefaultValue("4") int legacyChangesPartitions,
                             @DefaultValue("1") short topicReplicas,
                             @DefaultValue("8") int conflictRetries,
                             @DefaultValue("5ms") Duration conflictRetryDelay,
                             @DefaultValue("true") boolean asyncOffsetCommits) {

    public CoreProperties {
        if (legacyChangesPartitions < 1) {
            throw new IllegalArgumentException("ficus.core.legacy-changes-partitions must be at least 1, not " + legacyChangesPartitions);
        }
        if (conflictRetries < 0) {
            throw new IllegalArgumentException("ficus.core.conflict-retries must not be negative, not " + conflictRetries);
        }
        if (topicReplicas < 1) {
            throw new IllegalArgumentException("ficus.core.topic-replicas must be at least 1, not " + topicReplicas);
        }
    }

    public Topics topics() {
        return new Topics(topicPrefix);
    }
}
