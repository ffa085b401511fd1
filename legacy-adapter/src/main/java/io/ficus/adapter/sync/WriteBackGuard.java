package io.ficus.adapter.sync;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Decides whether a core event may be written over the legacy row it concerns: a pure function of
 * the row's last writer and the event's basis (see the package documentation for the rule).
 */
public final class WriteBackGuard {

    private static final long XID_SPACE = 1L << 32;

    private WriteBackGuard() {
    }

    /** What to do with a write-back. */
    public enum Decision {
        /** The row does not exist: nothing to overwrite. */
        WRITE_ABSENT(true, false),
        /** The row's last writer is the adapter's own last write-back of the entity: unchanged since. */
        WRITE_OWN(true, false),
        /** The row's last writer is the legacy change the core event was based on: the core saw it. */
        WRITE_BASED_ON(true, false),
        /** The row changed in a way the core did not see, but the core's change committed later: it wins. */
        WRITE_CONFLICT_CORE_NEWER(true, true),
        /** The row changed in a way the core did not see, and later than the core's change: the legacy wins. */
        SKIP_CONFLICT_LEGACY_NEWER(false, true);

        private final boolean writes;
        private final boolean conflict;

        Decision(boolean writes, boolean conflict) {
            this.writes = writes;
            this.conflict = conflict;
        }

        public boolean writes() {
            return writes;
        }

        public boolean conflict() {
            return conflict;
        }
    }

    /**
     * The legacy row as the write-back found it, locked.
     *
     * @param xmin        its last writer's transaction id as the row stores it (32 bits)
     * @param committedAt when that transaction committed ({@code pg_xact_commit_timestamp}); null
     *                    when unknown (committed before commit timestamps were tracked, or not tracked)
     */
    public record LegacyRow(long xmin, Instant committedAt) {
    }

    /**
     * The core event's side.
     *
     * @param table      the legacy table of the entity (lower case)
     * @param entityId   the entity's id
     * @param basedOnLsn log position of the legacy change the core event was based on; null: none
     * @param basedOnEventId that legacy change's canonical event id; null: none
     * @param occurredAt when the core's change committed
     */
    public record CoreSide(String table, UUID entityId, Long basedOnLsn, UUID basedOnEventId, Instant occurredAt) {
    }

    /**
     * @param row          the locked row, null when it does not exist
     * @param ownLastWrite full id of the transaction of the adapter's last write-back of the entity; null: none
     * @param currentXid   full id of the current transaction (to widen the row's 32-bit xmin)
     * @param core         the event's basis and time
     */
    public static Decision decide(LegacyRow row, Long ownLastWrite, long currentXid, CoreSide core) {
        if (row == null) {
            return Decision.WRITE_ABSENT;
        }
        if (ownLastWrite != null && fullXid(row.xmin(), currentXid) == ownLastWrite) {
            return Decision.WRITE_OWN;
        }
        if (core.basedOnLsn() != null && core.basedOnEventId() != null
                && writtenBy(core.basedOnEventId(), core.table(), core.entityId(), core.basedOnLsn(), row.xmin())) {
            return Decision.WRITE_BASED_ON;
        }
        if (row.committedAt() != null && core.occurredAt() != null && row.committedAt().isAfter(core.occurredAt())) {
            return Decision.SKIP_CONFLICT_LEGACY_NEWER;
        }
        return Decision.WRITE_CONFLICT_CORE_NEWER;
    }

    /**
     * The full 64-bit id of a transaction whose 32-bit id is {@code xid32}, taken as the nearest one
     * at or before {@code currentXid} (a row's writer is never in the future, and a writer more than
     * 2^32 transactions old has been frozen and matches nothing the adapter recorded since).
     */
    static long fullXid(long xid32, long currentXid) {
        long behind = Math.floorMod(currentXid - xid32, XID_SPACE);
        return currentXid - behind;
    }

    /**
     * Whether the canonical legacy change {@code eventId} at {@code lsn} was made by transaction
     * {@code xid32}: the adapter's inbound side derives an event id from exactly these
     * (see {@link #legacyEventId}), whatever the operation was.
     */
    static boolean writtenBy(UUID eventId, String table, UUID entityId, long lsn, long xid32) {
        for (String op : new String[] {"c", "u", "d", "r"}) {
            if (legacyEventId(table, entityId, op, lsn, xid32).equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical event id of one raw legacy row change, as the inbound translation derives it. */
    public static UUID legacyEventId(String table, UUID entityId, String op, long lsn, long txId) {
        return UUID.nameUUIDFromBytes((table + ":" + entityId + ":" + op + ":" + lsn + ":" + txId).getBytes(StandardCharsets.UTF_8));
    }
}
