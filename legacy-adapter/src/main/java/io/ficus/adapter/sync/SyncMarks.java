package io.ficus.adapter.sync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Marks the adapter's own legacy transactions, and recognises them when their changes come
 * back through CDC.
 *
 * <p>The mark is written in the same transaction as the rows, so by the time a change of
 * that transaction is captured its mark is committed too, and an answer about a committed
 * transaction never changes: answers are cached (by full id).
 *
 * <p>A mark holds the transaction's full 64-bit id ({@code pg_current_xact_id()}); logical
 * decoding reports the 32-bit id, which is widened to the nearest full id at or before the
 * newest one assigned ({@link WriteBackGuard#fullXid}): a captured transaction is never in the
 * future, and the replication slot holds back the server's xid horizon, so it is never 2^31
 * transactions old. A 32-bit id that comes round again in a later epoch therefore never
 * matches an old mark. {@link SyncMarkPurge} deletes marks once CDC has passed them.
 */
@Repository
public class SyncMarks {

    private static final int CACHE_SIZE = 10_000;

    private final JdbcClient jdbc;
    private static final long XID_SPACE = 1L << 32;

    private final Map<Long, Boolean> cache = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > CACHE_SIZE;
        }
    };

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
     * adapter wrote; one query for all whose answer is not cached yet.
     */
    public synchronized java.util.Set<Long> ownTransactions(java.util.Collection<Long> xids) {
        if (xids.isEmpty()) {
            return java.util.Set.of();
        }
        long newest = jdbc.sql("select pg_snapshot_xmax(pg_current_snapshot())::text::bigint - 1").query(Long.class).single();
        Map<Long, Long> full = new java.util.HashMap<>();
        for (Long xid : xids) {
            full.put(xid, widen(xid, newest));
        }
        var unknown = full.values().stream().filter(x -> !cache.containsKey(x)).distinct().toArray(Long[]::new);
        if (unknown.length > 0) {
            var marked = new java.util.HashSet<>(jdbc.sql("select xid from ficus.sync_mark where xid = any(?)")
                    .param(unknown).query(Long.class).list());
            for (Long xid : unknown) {
                cache.put(xid, marked.contains(xid));
            }
        }
        var own = new java.util.HashSet<Long>();
        full.forEach((reported, widened) -> {
            if (Boolean.TRUE.equals(cache.get(widened))) {
                own.add(reported);
            }
        });
        return own;
    }

    /** The full id of a transaction reported as {@code xid}: widened when it is a 32-bit id, as it is. */
    static long widen(long xid, long newestXid) {
        return xid >= XID_SPACE ? xid : WriteBackGuard.fullXid(xid, newestXid);
    }
}
