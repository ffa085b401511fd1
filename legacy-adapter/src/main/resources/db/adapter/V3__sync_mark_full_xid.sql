-- Echo marks hold the full 64-bit transaction id (pg_current_xact_id(), epoch-safe) instead of the
-- 32-bit one logical decoding reports: the adapter widens a captured change's 32-bit id to the
-- nearest full id at or before the current one, so a 32-bit id that came round again in a later
-- epoch never matches an old mark, and marks can be purged by a full-id horizon.
-- Marks written before this migration are widened the same way.
UPDATE sync_mark
SET xid = (pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1)
          - ((((pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1) - xid) % 4294967296) + 4294967296) % 4294967296
WHERE xid < 4294967296;
COMMENT ON COLUMN sync_mark.xid IS 'full 64-bit id (xid8) of a legacy transaction the adapter wrote';
