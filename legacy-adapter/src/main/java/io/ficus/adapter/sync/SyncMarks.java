package io.ficus.adapter.sync;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Marks the adapter's own legacy transactions, and recognises them when their changes come
 * back through CDC.
 *
 * <p>The mark is written in the same transaction as the rows, so by the time a change of
 * that transaction is captured its mark is committed too.
 *
 * <p>A mark holds the transaction's full 64-bit id ({@code pg_current_xact_id()}); logical
 * decoding reports the 32-bit id, which is widened to the nearest full id at or before the
 * newest one assigned ({@link WriteBackGuard#fullXid}): a captured transaction is never in the
 * future, and the replication slot holds back the server's xid horizon, so it is never 2^31
 * transactions old. A 32-bit id that comes round again in a later epoch therefore never
 * matches an old mark. {@link SyncMarkPurge} deletes marks once CDC has passed them.
 *
 * <p>One poll's transactions are looked up in one round trip: the server widens them against its
 * own newest id in the same statement ({@link #OWN}, the arithmetic of {@link #widen}).
 */
@Repository
public class SyncMarks {

    private static final long XID_SPACE = 1L << 32;

    /**
     * Of the reported ids (parameter 1, a {@code bigint[]}), those whose widened full id is marked. The newest id is the
     * snapshot's xmax - 1; an id of at least 2^32 is full already.
     */
    private static final String OWN = """
            select r.xid from unnest(?::bigint[]) as r(xid),
                 (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1 as newest) n
            where exists (select 1 from ficus.sync_mark m where m.xid = case when r.xid >= 4294967296 then r.xid
                          else n.newest - ((n.newest - r.xid) % 4294967296 + 4294967296) % 4294967296 end)""";

    private final JdbcClient jdbc;

    public SyncMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the current transaction as the adapter's own; call inside the writing transaction. */
    public void markCurrentTransaction(UUID eventId) {
        jdbc.sql("insert into ficus.sync_mark (xid, event_id) values (pg_current_xact_id()::text::bigint, ?) on conflict (xid) do nothing")
                .param(eventId).update();
    }

    /**
     * Which of the legacy transactions {@code xids} (32-bit, as logical decoding reports them) the
     * adapter wrote; one query for all of them.
     */
    public java.util.Set<Long> ownTransactions(java.util.Collection<Long> xids) {
        if (xids.isEmpty()) {
            return java.util.Set.of();
        }
        Long[] distinct = xids.stream().distinct().toArray(Long[]::new);
        return new java.util.HashSet<>(jdbc.sql(OWN).param(distinct).query(Long.class).list());
    }

    /** The full id of a transaction reported as {@code xid}: widened when it is a 32-bit id, as it is. */
    static long widen(long xid, long newestXid) {
        return xid >= XID_SPACE ? xid : WriteBackGuard.fullXid(xid, newestXid);
    }
}
