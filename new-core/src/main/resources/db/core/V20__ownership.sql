-- Which system owns each route group's writes, as the gateway last pushed it (io.ficus.core.ownership).
CREATE TABLE ownership_group (
    group_name TEXT PRIMARY KEY,
    owner TEXT NOT NULL CHECK (owner IN ('legacy', 'core')),
    epoch BIGINT NOT NULL,
    routes TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
