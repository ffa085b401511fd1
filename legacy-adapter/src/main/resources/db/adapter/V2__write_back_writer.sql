-- The full (64-bit, epoch-safe) id of the legacy transaction in which the adapter last wrote each
-- entity back; a legacy row whose last writer is that transaction has not changed since.
ALTER TABLE applied_version ADD COLUMN legacy_xid BIGINT;
