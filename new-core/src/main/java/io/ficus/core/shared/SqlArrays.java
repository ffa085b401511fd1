package io.ficus.core.shared;

import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * Columns of many rows as arrays, for one multi-row statement ({@code select * from unnest(?::uuid[], ...)}) instead of
 * a statement per row. The driver binds arrays of {@code UUID}, {@code String}, {@code Long}, {@code Integer} and
 * {@code Boolean}; timestamps go as their ISO text, cast with {@code ?::timestamp[]}.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /** A timestamp column: each row's value as ISO text (null stays null), for {@code ?::timestamp[]}. */
    public static <R> String[] timestamps(List<R> rows, Function<R, LocalDateTime> column) {
        return rows.stream().map(column).map(t -> t == null ? null : t.toString()).toArray(String[]::new);
    }
}
