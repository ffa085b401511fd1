package io.ficus.core.shared;

import io.ficus.core.CoreProperties;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/** Deletes, hourly, completed publications older than {@code completed-publications-kept-for}. */
final class CompletedPublicationsPurge {

    private final ObjectProvider<CompletedEventPublications> completed;
    private final CoreProperties properties;

    CompletedPublicationsPurge(ObjectProvider<CompletedEventPublications> completed, CoreProperties properties) {
        this.completed = completed;
        this.properties = properties;
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    void purge() {
        completed.ifAvailable(c -> c.deletePublicationsOlderThan(properties.completedPublicationsKeptFor()));
    }
}
