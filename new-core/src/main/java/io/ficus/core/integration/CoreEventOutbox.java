package io.ficus.core.integration;

import io.ficus.contracts.CoreEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every integration event into {@code core_event_outbox} inside the transaction that made the change (a
 * rolled-back or dry-run change leaves no row), and wakes the {@link CoreEventExternalizer} once that transaction
 * committed.
 */
@Component
class CoreEventOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CoreEventExternalizer externalizer;
    /** Registered once per transaction that wrote an event. */
    private final TransactionSynchronization wakeAfterCommit;

    CoreEventOutbox(JdbcClient jdbc, JsonMapper json, CoreEventExternalizer externalizer) {
        this.jdbc = jdbc;
        this.json = json;
        this.externalizer = externalizer;
        this.wakeAfterCommit = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                externalizer.wake();
            }
        };
    }

    @EventListener
    void on(CoreEvent event) {
        jdbc.sql("insert into core_event_outbox (message_key, payload) values (?, ?)")
                .params(event.aggregateId().toString(), json.writeValueAsString(event))
                .update();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            externalizer.wake();
        } else if (!TransactionSynchronizationManager.getSynchronizations().contains(wakeAfterCommit)) {
            TransactionSynchronizationManager.registerSynchronization(wakeAfterCommit);
        }
    }
}
