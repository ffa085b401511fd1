package io.ficus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.sandbox.App;
import io.ficus.sandbox.Stack;
import io.ficus.testkit.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reconciliation of about a million rows: the legacy is seeded, the core's tables are filled
 * with the same entities by plain SQL (bypassing the sync, which is measured elsewhere), five
 * drifts are planted, and a full reconciliation through legacy-adapter's admin API must find
 * exactly those. Runs it twice (the first also warms the adapter up) and prints the time each took. Not part of the default test run:
 * {@code mvn -B -ntp -pl e2e verify -Dsurefire.excludedGroups= -Dgroups=bench -Dit.test=ReconciliationBenchmark}
 * ({@code -Dbench.users=60000} seeds about 1.02 million legacy rows).
 */
@Tag("bench")
class ReconciliationBenchmark {

    @Test
    void reconcilesAMillionRowsAndFindsExactlyThePlantedDrift() throws Exception {
        int users = Integer.getInteger("bench.users", 60_000);
        var config = RunningStack.config("recon-bench");
        try (Stack stack = Stack.start(config, EnumSet.of(App.LEGACY_APP, App.NEW_CORE, App.LEGACY_ADAPTER), Map.of(App.LEGACY_APP,
                List.of("--ficus.seed.users=" + users, "--ficus.seed.exit-when-done=false")))) {
            long rows;
            long mirrorStart = System.nanoTime();
            try (Connection legacy = connect(config.legacyDb()); Connection core = connect(config.coreDb())) {
                rows = count(legacy, "select (select count(*) from usr_user) + (select count(*) from prj_project)"
                        + " + (select count(*) from mbr_membership) + (select count(*) from phs_phase) + (select count(*) from tkt_ticket)");
                core.setAutoCommit(false);
                mirror(legacy, core);
                core.commit();
                // Five planted drifts: two titles, one phase name, one user missing in the core, one project missing in the legacy.
                core.createStatement().executeUpdate("update tickets_ticket set title = title || ' (core)' where id in (select id from tickets_ticket order by id limit 2)");
                core.createStatement().executeUpdate("update phases_phase set name = 'renamed' where id = (select id from phases_phase order by id limit 1)");
                core.createStatement().executeUpdate("delete from users_user where id = (select id from users_user order by id desc limit 1)");
                core.createStatement().executeUpdate("insert into projects_project (id, name, description, created_at, version) values ('"
                        + UUID.randomUUID() + "', 'core only', null, now()::timestamp(0), 1)");
                core.commit();
            }
            double mirrorSeconds = (System.nanoTime() - mirrorStart) / 1e9;
            // twice: the first run is also the adapter's JIT warm-up; the second is what a reconciliation before each
            // writer flip costs on a running adapter
            JsonNode first = ConvergenceIT.reconcile(stack, Duration.ofMinutes(20));
            JsonNode job = ConvergenceIT.reconcile(stack, Duration.ofMinutes(20));
            System.out.printf("%nRECONCILIATION BENCH: first run took %s, second %s%n", first.path("report").path("took").asString(),
                    job.path("report").path("took").asString());
            assertThat(first.path("state").asString()).isEqualTo("DONE");
            JsonNode report = job.path("report");
            long compared = report.path("types").properties().stream().mapToLong(t -> t.getValue().path("compared").asLong()).sum();
            long drift = report.path("types").properties().stream().mapToLong(t -> ConvergenceIT.drift(t.getValue())).sum();
            System.out.printf("%nRECONCILIATION BENCH: %,d legacy rows (mirrored into the core in %.0f s); full reconciliation compared %,d"
                    + " entities in %s and found %d drifts%n%s%n%n", rows, mirrorSeconds, compared, report.path("took").asString(), drift,
                    report.path("types"));
            assertThat(job.path("state").asString()).isEqualTo("DONE");
            assertThat(drift).isEqualTo(5);
        }
    }

    private static Connection connect(Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl() + "?reWriteBatchedInserts=true", db.username(), db.password());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Copies every live legacy entity into the core's own tables, translated by hand. */
    private static void mirror(Connection legacy, Connection core) throws SQLException {
        copy(legacy, core, "select usr_id, usr_name, usr_email, usr_pwd_hash, date_trunc('second', usr_crt_ts) from usr_user where usr_del_flg <> 'Y'",
                "insert into users_user (id, name, email, password_hash, created_at, version) values (?::uuid, ?, ?, ?, ?, 1)");
        copy(legacy, core, "select prj_id, prj_name, prj_desc, date_trunc('second', prj_crt_ts) from prj_project",
                "insert into projects_project (id, name, description, created_at, version) values (?::uuid, ?, ?, ?, 1)");
        copy(legacy, core, "select mbr_id, prj_id, usr_id, case mbr_role_cd when 1 then 'ADMIN' else 'MEMBER' end,"
                        + " case mbr_state_cd when 1 then 'ACCEPTED' else 'OPEN' end, date_trunc('second', mbr_crt_ts) from mbr_membership",
                "insert into memberships_membership (id, project_id, user_id, role, status, created_at, version) values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, 1)");
        copy(legacy, core, "select phs_id, prj_id, phs_name, phs_pos, date_trunc('second', phs_crt_ts) from phs_phase",
                "insert into phases_phase (id, project_id, name, position, created_at, version) values (?::uuid, ?::uuid, ?, ?, ?, 1)");
        copy(legacy, core, "select tkt_id, prj_id, phs_id, tkt_title, tkt_desc, date_trunc('second', tkt_due_ts), date_trunc('second', tkt_crt_ts)"
                        + " from tkt_ticket where tkt_del_flg <> 'Y'",
                "insert into tickets_ticket (id, project_id, phase_id, title, description, due_time, created_at, version) values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?, ?, 1)");
        copy(legacy, core, "select tkt_id, a.user_id, a.pos - 1 from tkt_ticket, unnest(string_to_array(tkt_assignees, ';')) with ordinality a(user_id, pos)"
                        + " where tkt_del_flg <> 'Y' and tkt_assignees is not null",
                "insert into tickets_assignee (ticket_id, user_id, position) values (?::uuid, ?::uuid, ?)");
    }

    private static void copy(Connection from, Connection to, String select, String insert) throws SQLException {
        from.setAutoCommit(false);
        try (var read = from.prepareStatement(select); var write = to.prepareStatement(insert)) {
            read.setFetchSize(10_000);
            try (ResultSet rs = read.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                int batch = 0;
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        write.setObject(i, rs.getObject(i));
                    }
                    write.addBatch();
                    if (++batch % 5_000 == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
        from.commit();
    }
}
