package io.ficus.e2e;

import io.ficus.testkit.Database;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** One-off queries against a database of the running stack. */
final class Sql {

    private Sql() {
    }

    /** The single number {@code sql} (a {@code select count(*) ...}, say) returns for {@code params}. */
    static long count(Database db, String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()); var s = prepare(c.prepareStatement(sql), params);
             var rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The rows {@code sql} updates for {@code params}. */
    static int update(Database db, String sql, Object... params) throws SQLException {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()); var s = prepare(c.prepareStatement(sql), params)) {
            return s.executeUpdate();
        }
    }

    /** The first two columns of every row {@code sql} returns, as text, the first as the key. */
    static Map<String, String> pairs(Database db, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password()); var s = c.prepareStatement(sql);
             var rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static PreparedStatement prepare(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }
}
