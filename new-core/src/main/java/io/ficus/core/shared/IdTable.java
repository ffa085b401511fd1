package io.ficus.core.shared;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One module's read model of which aggregates of another module exist (a table of ids and
 * versions, such as {@code tickets_project}), fed by events inside the transaction of the change
 * they follow. What the events change is written together, a statement per run of like writes, when the transaction
 * commits or the table is next read ({@link PendingWrites}).
 */
public final class IdTable {

    private final JdbcClient jdbc;
    private final String table;
    private final PendingWrites<Write> pending;

    public IdTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.pending = new PendingWrites<>(table, this::write);
    }

    /** Records the id at this version unless a newer one is stored (idempotent). */
    public void apply(UUID id, long version) {
        pending.add(new Write(id, version));
    }

    /** Follows one change of the aggregate: recorded at its version, or forgotten when it was deleted. */
    public void follow(AggregateChanged change) {
        if (change.newState() == null) {
            remove(change.aggregateId());
        } else {
            apply(change.aggregateId(), change.version());
        }
    }

    public void remove(UUID id) {
        pending.add(new Write(id, null));
    }

    public boolean exists(UUID id) {
        pending.flush();
        return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single() > 0;
    }

    /** Writes the writes in order: each run of upserts of distinct ids in one statement, each run of removals in one. */
    private void write(List<Write> writes) {
        for (List<Write> run : PendingWrites.runs(writes, w -> w.version() == null, Write::id)) {
            UUID[] ids = run.stream().map(Write::id).toArray(UUID[]::new);
            if (run.get(0).version() == null) {
                jdbc.sql("delete from " + table + " where id = any(?)").param(ids).update();
            } else {
                jdbc.sql("insert into " + table + " (id, version) select * from unnest(?::uuid[], ?::bigint[])"
                                + " on conflict (id) do update set version = excluded.version where " + table + ".version < excluded.version")
                        .params(ids, run.stream().map(Write::version).toArray(Long[]::new)).update();
            }
        }
    }

    /** An upsert at a version, or a removal (no version). */
    private record Write(UUID id, Long version) {
    }
}
