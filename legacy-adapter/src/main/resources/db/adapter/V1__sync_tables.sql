-- legacy-adapter's own tables, in their own schema of the legacy database so that they
-- never mix with the legacy's migrations and are never captured by cdc-bridge.

-- One row per legacy transaction the adapter wrote: CDC events of these transactions are
-- the adapter's own writes coming back, and are dropped (echo suppression). xid is the
-- 32-bit transaction id that logical decoding reports.
CREATE TABLE sync_mark (
    xid        BIGINT    NOT NULL PRIMARY KEY,
    event_id   UUID      NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX sync_mark_created_ix ON sync_mark (created_at);

-- The newest core aggregate version written into the legacy per entity, kept after
-- deletion, so an older or repeated core event never overwrites a newer write.
CREATE TABLE applied_version (
    entity_type VARCHAR(20) NOT NULL,
    entity_id   UUID        NOT NULL,
    version     BIGINT      NOT NULL,
    event_id    UUID        NOT NULL,
    PRIMARY KEY (entity_type, entity_id)
);
