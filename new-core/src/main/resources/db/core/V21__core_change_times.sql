-- The last change the core itself decided of each aggregate (io.ficus.core.legacy.CoreChangeTimes): its version and the
-- time its integration event carries, so a legacy change that committed before it (the legacy could not have seen it)
-- is recognised as stale.
CREATE TABLE legacy_core_change (
    entity_type TEXT        NOT NULL,
    entity_id   UUID        NOT NULL,
    version     BIGINT      NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (entity_type, entity_id)
);
