CREATE TABLE IF NOT EXISTS ownership_group (
    group_name VARCHAR(64) PRIMARY KEY,
    owner VARCHAR(16) NOT NULL,
    epoch BIGINT NOT NULL,
    routes TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
