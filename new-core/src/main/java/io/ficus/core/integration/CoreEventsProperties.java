package io.ficus.core.integration;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the core's integration events go from the outbox to Kafka ({@link CoreEventExternalizer}).
 *
 * @param batchSize      most events sent in one round: one query reads them, they are sent together and one
 *                       statement deletes them once the broker acknowledged every one
 * @param pollInterval   how often the outbox is read when no commit woke the sender (events another instance or a
 *                       crash left behind; a commit of this instance wakes it at once)
 * @param sendTimeout    the longest wait for the broker's acknowledgements of a round; past it the round counts as
 *                       failed and is sent again (at least once: the events stay in the outbox until acknowledged)
 * @param initialBackoff the pause after a failed round (Kafka or the database away); doubled per failed round in a
 *                       row, up to {@code maxBackoff}; a failed round is retried without a limit
 * @param maxBackoff     the longest pause between two failed rounds
 * @param downAfter      how long rounds must have failed in a row before the health indicator {@code coreEventExternalizer}
 *                       turns DOWN (with the reason and the age of the oldest waiting event in its details)
 */
@ConfigurationProperties("ficus.core.events")
public record CoreEventsProperties(@DefaultValue("1000") int batchSize,
                                   @DefaultValue("1s") Duration pollInterval,
                                   @DefaultValue("30s") Duration sendTimeout,
                                   @DefaultValue("100ms") Duration initialBackoff,
                                   @DefaultValue("10s") Duration maxBackoff,
                                   @DefaultValue("10s") Duration downAfter) {

    public CoreEventsProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("ficus.core.events.batch-size must be at least 1, not " + batchSize);
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("ficus.core.events.initial-backoff must be positive and at most max-backoff");
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("ficus.core.events.poll-interval and send-timeout must be positive");
        }
    }
}
