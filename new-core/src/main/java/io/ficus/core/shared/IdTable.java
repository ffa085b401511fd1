package io.ficus.core.shared;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One module's read model of which aggregates of another module exist (a table of ids and
 * versions, such as {@code tickets_project}), fed by events inside the transaction of the change
 * they follow.
 */
public final class IdTable {

    private final JdbcClient jdbc;
    private final String table;

    public IdTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Records the id at this version unless a newer one is stored (idempotent). */
    public void apply(UUID id, long version) {
        jdbc.sql("insert into " + table + " (id, version) values (?, ?) on conflict (id) do update set version = excluded.version"
                + " where " + table + ".version < excluded.version").params(id, version).update();
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
        jdbc.sql("delete from " + table + " where id = ?").param(id).update();
    }

    public boolean exists(UUID id) {
        return jdbc.sql("select count(*) from " + table + " where id = ?").param(id).query(Long.class).single() > 0;
    }
}
