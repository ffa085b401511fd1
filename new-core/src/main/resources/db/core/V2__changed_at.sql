-- When each aggregate row was last written (inserted, changed, or applied from the legacy), so
-- that an incremental reconciliation can compare what the core changed since a point in time.
ALTER TABLE users_user ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE projects_project ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE memberships_membership ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE phases_phase ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
ALTER TABLE tickets_ticket ADD COLUMN changed_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX users_changed_ix ON users_user (changed_at);
CREATE INDEX projects_changed_ix ON projects_project (changed_at);
CREATE INDEX memberships_changed_ix ON memberships_membership (changed_at);
CREATE INDEX phases_changed_ix ON phases_phase (changed_at);
CREATE INDEX tickets_changed_ix ON tickets_ticket (changed_at);
