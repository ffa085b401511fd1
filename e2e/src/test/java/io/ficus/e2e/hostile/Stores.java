package io.ficus.e2e.hostile;

import io.ficus.testkit.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Fingerprints of the stores' tables and a search for planted secrets in the gateway's tables. */
final class Stores {

    private Stores() {
    }

    /**
     * Row count and checksum of every table of the {@code public} schema (or only of
     * {@code tables}, when given), Flyway's history excepted.
     */
    static Map<String, String> fingerprint(Database db, List<String> tables) throws SQLException {
        Map<String, String> prints = new TreeMap<>();
        try (Connection c = connect(db)) {
            List<String> names = tables.isEmpty() ? publicTables(c) : tables;
            for (String table : names) {
                try (var s = c.createStatement(); var rs = s.executeQuery("select count(*), coalesce(md5(string_agg(md5(t::text), ''"
                        + " order by md5(t::text))), '-') from " + table + " t")) {
                    rs.next();
                    prints.put(table, rs.getLong(1) + " rows, " + rs.getString(2));
                }
            }
        }
        return prints;
    }

    /**
     * Where any of {@code secrets} (label to value) occurs in a text column of {@code tables}:
     * one line per table, column and secret label (never the value).
     */
    static List<String> secretsIn(Database db, List<String> tables, Map<String, String> secrets) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(db)) {
            for (String table : tables) {
                List<String> columns = new ArrayList<>();
                try (var s = c.prepareStatement("select column_name from information_schema.columns where table_schema = 'public'"
                        + " and table_name = ? and data_type in ('text', 'character varying', 'json', 'jsonb', 'character')")) {
                    s.setString(1, table);
                    try (var rs = s.executeQuery()) {
                        while (rs.next()) {
                            columns.add(rs.getString(1));
                        }
                    }
                }
                for (String column : columns) {
                    for (var secret : secrets.entrySet()) {
                        try (var s = c.prepareStatement("select count(*) from " + table + " where position(? in coalesce("
                                + column + "::text, '')) > 0")) {
                            s.setString(1, secret.getValue());
                            try (var rs = s.executeQuery()) {
                                rs.next();
                                if (rs.getLong(1) > 0) {
                                    found.add(table + "." + column + " holds " + secret.getKey() + " in " + rs.getLong(1) + " row(s)");
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** How many comparisons the gateway stored for this request id. */
    static long comparisons(Database gatewayDb, String requestId) throws SQLException {
        try (Connection c = connect(gatewayDb); var s = c.prepareStatement("select count(*) from comparison where request_id = ?")) {
            s.setString(1, requestId);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The tables of the public schema, without Flyway's history and without the write-ownership tables: the gateway's
     * periodic ownership push rewrites those (their routes and time) while the suite runs, and no client request
     * reaches them ({@code /ficus/ownership} is never routed and needs the gateway secret, see WriteOwnershipIT).
     */
    private static List<String> publicTables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (var s = c.createStatement(); var rs = s.executeQuery("select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'flyway%'"
                + " and table_name not in ('ficus_ownership', 'ownership_group') order by 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static Connection connect(Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
    }
}
