package io.ficus.core.shared;

import io.ficus.core.CoreProperties;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits, periodically, failed publications (a listener or Kafka failed) once
 * {@code publication-retry-interval} passed since their last attempt, and publications left
 * incomplete by a crash once {@code incomplete-after} passed.
 */
final class PublicationRetries {

    private final ObjectProvider<IncompleteEventPublications> incomplete;
    private final CoreProperties properties;

    PublicationRetries(ObjectProvider<IncompleteEventPublications> incomplete, CoreProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${ficus.core.publication-retry-interval:5s}",
            initialDelayString = "${ficus.core.publication-retry-interval:5s}")
    void resubmit() {
        Instant now = Instant.now();
        Instant failedBefore = now.minus(properties.publicationRetryInterval());
        Instant stuckBefore = now.minus(properties.incompleteAfter());
        incomplete.ifAvailable(i -> i.resubmitIncompletePublications(p -> p.getStatus() == EventPublication.Status.FAILED
                ? lastAttempt(p).isBefore(failedBefore)
                : lastAttempt(p).isBefore(stuckBefore)));
    }

    private static Instant lastAttempt(EventPublication p) {
        return p.getLastResubmissionDate() == null ? p.getPublicationDate() : p.getLastResubmissionDate();
    }
}
