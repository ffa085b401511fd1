package io.ficus.adapter.reconcile;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A range of entity ids, in the order both stores are merged in (the lower-case text of the UUID, byte by byte): from
 * {@code from} included to {@code to} excluded, either open when null. Bounds are whole UUIDs, so one range compares
 * alike as text (the legacy's ids) and as {@code uuid} (the core's).
 */
record IdRange(String from, String to) {

    /** Ranges of about equal share of random UUIDs covering every id, at most 256 (cut on the first two hex digits). */
    static List<IdRange> split(int parts) {
        int count = Math.max(1, Math.min(256, parts));
        List<IdRange> ranges = new ArrayList<>(count);
        String from = null;
        for (int i = 1; i < count; i++) {
            String bound = String.format("%02x000000-0000-0000-0000-000000000000", 256 * i / count);
            ranges.add(new IdRange(from, bound));
            from = bound;
        }
        ranges.add(new IdRange(from, null));
        return ranges;
    }

    /** An SQL condition ({@code and ...}, empty for the whole range) on {@code key}, its parameters cast by {@code cast}. */
    String condition(String key, String cast) {
        return (from == null ? "" : " and " + key + " >= ?" + cast) + (to == null ? "" : " and " + key + " < ?" + cast);
    }

    /** Binds the parameters of {@link #condition} from {@code index}; returns the next free index. */
    int bind(PreparedStatement statement, int index) throws SQLException {
        int next = index;
        if (from != null) {
            statement.setString(next++, from);
        }
        if (to != null) {
            statement.setString(next++, to);
        }
        return next;
    }
}
