-- Integration events waiting to go to Kafka (io.ficus.core.integration.CoreEventOutbox writes a row in the transaction
-- that made the change; CoreEventExternalizer sends the rows in id order and deletes them once the broker acknowledged
-- them). An id is drawn when the row is written, which is after the change took its aggregate's row lock, so the events of
-- one aggregate have ascending ids in the order of their commits.
CREATE TABLE core_event_outbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_key TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

-- Events the former externalizer (a registry-guarded listener) had not sent yet move into the outbox, in the order they
-- were published, so an upgrade loses none of them.
DO $$
BEGIN
    IF to_regclass('event_publication') IS NOT NULL THEN
        INSERT INTO core_event_outbox (message_key, payload, created_at)
        SELECT serialized_event::jsonb ->> 'aggregateId', serialized_event, publication_date
        FROM event_publication
        WHERE listener_id LIKE 'io.ficus.core.integration.CoreEventExternalizer%' AND completion_date IS NULL
        ORDER BY publication_date;
        DELETE FROM event_publication
        WHERE listener_id LIKE 'io.ficus.core.integration.CoreEventExternalizer%' AND completion_date IS NULL;
    END IF;
END $$;
