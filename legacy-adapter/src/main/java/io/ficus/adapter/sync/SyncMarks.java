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
 * transaction never changes: answers are cached.
 */
@Repository
public class SyncMarks {

    private static final int CACHE_SIZE = 10_000;

    private final JdbcClient jdbc;
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
        jdbc.sql("insert into ficus.sync_mark (xid, event_id) values (txid_current() % 4294967296, ?) on conflict (xid) do nothing")
                .param(eventId).update();
    }

    /**
     * Which of the legacy transactions {@code xids} (as logical decoding reports them) the
     * adapter wrote; one query for all that are not cached yet.
     */
    public synchronized java.util.Set<Long> ownTransactions(java.util.Collection<Long> xids) {
        var unknown = xids.stream().filter(x -> !cache.containsKey(x)).distinct().toArray(Long[]::new);
        if (unknown.length > 0) {
            var marked = new java.util.HashSet<>(jdbc.sql("select xid from ficus.sync_mark where xid = any(?)")
                    .param(unknown).query(Long.class).list());
            for (Long xid : unknown) {
                cache.put(xid, marked.contains(xid));
            }
        }
        var own = new java.util.HashSet<Long>();
        for (Long xid : xids) {
            if (Boolean.TRUE.equals(cache.get(xid))) {
                own.add(xid);
            }
        }
        return own;
    }
}
