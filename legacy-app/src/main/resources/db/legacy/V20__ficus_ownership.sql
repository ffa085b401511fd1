-- Which system owns each route group's writes, as the gateway last pushed it (io.ficus.legacy.ownership).
-- Not one of the tables cdc-bridge captures: its publication lists the legacy's own tables only.
CREATE TABLE ficus_ownership (
    group_name VARCHAR(64) PRIMARY KEY,
    owner VARCHAR(16) NOT NULL CHECK (owner IN ('legacy', 'core')),
    epoch BIGINT NOT NULL,
    routes TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
