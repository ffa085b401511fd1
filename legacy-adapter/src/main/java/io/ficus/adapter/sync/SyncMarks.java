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

    /** Whether the legacy transaction {@code xid} (as logical decoding reports it) was written by the adapter. */
    public synchronized boolean isOwnTransaction(long xid) {
        return cache.computeIfAbsent(xid, x -> jdbc.sql("select exists (select 1 from ficus.sync_mark where xid = ?)")
                .param(x).query(Boolean.class).single());
    }
}
