package io.ficus.e2e;

import io.ficus.testkit.Database;
import java.sql.DriverManager;
import java.sql.SQLException;

/** One-off queries against a database of the running stack. */
final class Sql {

    private Sql() {
    }

    /** The single number {@code sql} (a {@code select count(*) ...}, say) returns for {@code params}. */
    static long count(Database db, String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
