package io.ficus.adapter.outbound;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.PhaseState;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.UserState;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

/** Writes one core event's state into the legacy tables, the way the legacy app writes them. */
@Component
class LegacyRowWriter {

    private final NamedParameterJdbcOperations named;
    private final Clock clock;

    LegacyRowWriter(NamedParameterJdbcOperations named) {
        this.named = named;
        this.clock = Clock.systemUTC();
    }

    void write(CoreEvent event) {
        var statement = statement(event);
        if (statement != null) {
            named.update(statement.sql(), statement.params());
        }
    }

    /**
     * Writes the events' states in their order, as {@link #write} would one by one, but each run of consecutive events
     * with the same statement (a poll of ticket creations, say) as one JDBC batch: a round trip per run, not per event.
     */
    void writeAll(List<CoreEvent> events) {
        String sql = null;
        List<SqlParameterSource> run = new ArrayList<>();
        for (CoreEvent event : events) {
            var statement = statement(event);
            if (statement == null) {
                continue;
            }
            if (!statement.sql().equals(sql)) {
                flush(sql, run);
                sql = statement.sql();
            }
            run.add(statement.params());
        }
        flush(sql, run);
    }

    private void flush(String sql, List<SqlParameterSource> run) {
        if (run.isEmpty()) {
            return;
        }
        if (run.size() == 1) {
            named.update(sql, run.get(0));
        } else {
            named.batchUpdate(sql, run.toArray(SqlParameterSource[]::new));
        }
        run.clear();
    }

    /** One event's statement and its parameters; null for a state without a legacy table. */
    private record Statement(String sql, MapSqlParameterSource params) {
    }

    private Statement statement(CoreEvent event) {
        String id = event.aggregateId().toString();
        if (event.kind() == ChangeKind.DELETED) {
            return delete(event, id);
        }
        var state = event.state();
        if (state instanceof UserState u) {
            return new Statement("""
                    insert into public.usr_user (usr_id, usr_name, usr_email, usr_pwd_hash, usr_crt_ts, usr_upd_ts, usr_del_flg)
                    values (:id, :name, :email, :hash, :created, :now, 'N')
                    on conflict (usr_id) do update set usr_name = excluded.usr_name, usr_email = excluded.usr_email,
                        usr_pwd_hash = excluded.usr_pwd_hash, usr_upd_ts = excluded.usr_upd_ts, usr_del_flg = 'N'
                    """, new MapSqlParameterSource("id", id).addValue("name", u.name()).addValue("email", u.email())
                    .addValue("hash", u.passwordHash()).addValue("created", orNow(u.createdAt())).addValue("now", now()));
        } else if (state instanceof ProjectState p) {
            return new Statement("""
                    insert into public.prj_project (prj_id, prj_name, prj_desc, prj_crt_ts, prj_upd_ts)
                    values (:id, :name, :description, :created, :now)
                    on conflict (prj_id) do update set prj_name = excluded.prj_name, prj_desc = excluded.prj_desc,
                        prj_upd_ts = excluded.prj_upd_ts
                    """, new MapSqlParameterSource("id", id).addValue("name", p.name()).addValue("description", p.description())
                    .addValue("created", orNow(p.createdAt())).addValue("now", now()));
        } else if (state instanceof MembershipState m) {
            return new Statement("""
                    insert into public.mbr_membership (mbr_id, prj_id, usr_id, mbr_role_cd, mbr_state_cd, mbr_crt_ts, mbr_upd_ts)
                    values (:id, :project, :user, :role, :state, :created, :now)
                    on conflict (mbr_id) do update set prj_id = excluded.prj_id, usr_id = excluded.usr_id,
                        mbr_role_cd = excluded.mbr_role_cd, mbr_state_cd = excluded.mbr_state_cd, mbr_upd_ts = excluded.mbr_upd_ts
                    """, new MapSqlParameterSource("id", id).addValue("project", str(m.projectId())).addValue("user", str(m.userId()))
                    .addValue("role", roleCode(m.role())).addValue("state", stateCode(m.state()))
                    .addValue("created", orNow(m.createdAt())).addValue("now", now()));
        } else if (state instanceof PhaseState p) {
            return new Statement("""
                    insert into public.phs_phase (phs_id, prj_id, phs_name, phs_pos, phs_crt_ts, phs_upd_ts)
                    values (:id, :project, :name, :position, :created, :now)
                    on conflict (phs_id) do update set prj_id = excluded.prj_id, phs_name = excluded.phs_name,
                        phs_pos = excluded.phs_pos, phs_upd_ts = excluded.phs_upd_ts
                    """, new MapSqlParameterSource("id", id).addValue("project", str(p.projectId())).addValue("name", p.name())
                    .addValue("position", p.position()).addValue("created", orNow(p.createdAt())).addValue("now", now()));
        } else if (state instanceof TicketState t) {
            return new Statement("""
                    insert into public.tkt_ticket (tkt_id, prj_id, phs_id, tkt_title, tkt_desc, tkt_due_ts, tkt_assignees,
                        tkt_crt_ts, tkt_upd_ts, tkt_del_flg)
                    values (:id, :project, :phase, :title, :description, :due, :assignees, :created, :now, 'N')
                    on conflict (tkt_id) do update set prj_id = excluded.prj_id, phs_id = excluded.phs_id,
                        tkt_title = excluded.tkt_title, tkt_desc = excluded.tkt_desc, tkt_due_ts = excluded.tkt_due_ts,
                        tkt_assignees = excluded.tkt_assignees, tkt_upd_ts = excluded.tkt_upd_ts, tkt_del_flg = 'N'
                    """, new MapSqlParameterSource("id", id).addValue("project", str(t.projectId())).addValue("phase", str(t.phaseId()))
                    .addValue("title", t.title()).addValue("description", t.description()).addValue("due", t.dueTime())
                    .addValue("assignees", assignees(t)).addValue("created", orNow(t.createdAt())).addValue("now", now()));
        }
        return null;
    }

    private Statement delete(CoreEvent event, String id) {
        var params = new MapSqlParameterSource("id", id).addValue("now", now());
        return switch (event.aggregateType()) {
            case USER -> new Statement("update public.usr_user set usr_del_flg = 'Y', usr_upd_ts = :now where usr_id = :id", params);
            case TICKET -> new Statement("update public.tkt_ticket set tkt_del_flg = 'Y', tkt_upd_ts = :now where tkt_id = :id", params);
            case PROJECT -> new Statement("delete from public.prj_project where prj_id = :id", params);
            case MEMBERSHIP -> new Statement("delete from public.mbr_membership where mbr_id = :id", params);
            case PHASE -> new Statement("delete from public.phs_phase where phs_id = :id", params);
        };
    }

    /** Assignees as the legacy keeps them: ids joined with {@code ;}, null when there are none. */
    static String assignees(TicketState ticket) {
        return ticket.assigneeIds().isEmpty() ? null
                : ticket.assigneeIds().stream().map(UUID::toString).collect(Collectors.joining(";"));
    }

    static int roleCode(MembershipRole role) {
        return switch (role) {
            case ADMIN -> 1;
            case MEMBER -> 2;
        };
    }

    static int stateCode(MembershipStatus state) {
        return switch (state) {
            case OPEN -> 0;
            case ACCEPTED -> 1;
        };
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private LocalDateTime orNow(LocalDateTime value) {
        return value != null ? value : now();
    }
}
