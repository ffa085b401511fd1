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
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes one core event's state into the legacy tables, the way the legacy app writes them. */
@Component
class LegacyRowWriter {

    private final JdbcClient jdbc;
    private final Clock clock;

    LegacyRowWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.systemUTC();
    }

    void write(CoreEvent event) {
        String id = event.aggregateId().toString();
        if (event.kind() == ChangeKind.DELETED) {
            delete(event, id);
            return;
        }
        var state = event.state();
        if (state instanceof UserState u) {
            jdbc.sql("""
                    insert into public.usr_user (usr_id, usr_name, usr_email, usr_pwd_hash, usr_crt_ts, usr_upd_ts, usr_del_flg)
                    values (:id, :name, :email, :hash, :created, :now, 'N')
                    on conflict (usr_id) do update set usr_name = excluded.usr_name, usr_email = excluded.usr_email,
                        usr_pwd_hash = excluded.usr_pwd_hash, usr_upd_ts = excluded.usr_upd_ts, usr_del_flg = 'N'
                    """).param("id", id).param("name", u.name()).param("email", u.email()).param("hash", u.passwordHash())
                    .param("created", orNow(u.createdAt())).param("now", now()).update();
        } else if (state instanceof ProjectState p) {
            jdbc.sql("""
                    insert into public.prj_project (prj_id, prj_name, prj_desc, prj_crt_ts, prj_upd_ts)
                    values (:id, :name, :description, :created, :now)
                    on conflict (prj_id) do update set prj_name = excluded.prj_name, prj_desc = excluded.prj_desc,
                        prj_upd_ts = excluded.prj_upd_ts
                    """).param("id", id).param("name", p.name()).param("description", p.description())
                    .param("created", orNow(p.createdAt())).param("now", now()).update();
        } else if (state instanceof MembershipState m) {
            jdbc.sql("""
                    insert into public.mbr_membership (mbr_id, prj_id, usr_id, mbr_role_cd, mbr_state_cd, mbr_crt_ts, mbr_upd_ts)
                    values (:id, :project, :user, :role, :state, :created, :now)
                    on conflict (mbr_id) do update set prj_id = excluded.prj_id, usr_id = excluded.usr_id,
                        mbr_role_cd = excluded.mbr_role_cd, mbr_state_cd = excluded.mbr_state_cd, mbr_upd_ts = excluded.mbr_upd_ts
                    """).param("id", id).param("project", str(m.projectId())).param("user", str(m.userId()))
                    .param("role", roleCode(m.role())).param("state", stateCode(m.state()))
                    .param("created", orNow(m.createdAt())).param("now", now()).update();
        } else if (state instanceof PhaseState p) {
            jdbc.sql("""
                    insert into public.phs_phase (phs_id, prj_id, phs_name, phs_pos, phs_crt_ts, phs_upd_ts)
                    values (:id, :project, :name, :position, :created, :now)
                    on conflict (phs_id) do update set prj_id = excluded.prj_id, phs_name = excluded.phs_name,
                        phs_pos = excluded.phs_pos, phs_upd_ts = excluded.phs_upd_ts
                    """).param("id", id).param("project", str(p.projectId())).param("name", p.name())
                    .param("position", p.position()).param("created", orNow(p.createdAt())).param("now", now()).update();
        } else if (state instanceof TicketState t) {
            jdbc.sql("""
                    insert into public.tkt_ticket (tkt_id, prj_id, phs_id, tkt_title, tkt_desc, tkt_due_ts, tkt_assignees,
                        tkt_crt_ts, tkt_upd_ts, tkt_del_flg)
                    values (:id, :project, :phase, :title, :description, :due, :assignees, :created, :now, 'N')
                    on conflict (tkt_id) do update set prj_id = excluded.prj_id, phs_id = excluded.phs_id,
                        tkt_title = excluded.tkt_title, tkt_desc = excluded.tkt_desc, tkt_due_ts = excluded.tkt_due_ts,
                        tkt_assignees = excluded.tkt_assignees, tkt_upd_ts = excluded.tkt_upd_ts, tkt_del_flg = 'N'
                    """).param("id", id).param("project", str(t.projectId())).param("phase", str(t.phaseId()))
                    .param("title", t.title()).param("description", t.description()).param("due", t.dueTime())
                    .param("assignees", assignees(t)).param("created", orNow(t.createdAt())).param("now", now()).update();
        }
    }

    private void delete(CoreEvent event, String id) {
        switch (event.aggregateType()) {
            case USER -> jdbc.sql("update public.usr_user set usr_del_flg = 'Y', usr_upd_ts = ? where usr_id = ?")
                    .params(now(), id).update();
            case TICKET -> jdbc.sql("update public.tkt_ticket set tkt_del_flg = 'Y', tkt_upd_ts = ? where tkt_id = ?")
                    .params(now(), id).update();
            case PROJECT -> jdbc.sql("delete from public.prj_project where prj_id = ?").param(id).update();
            case MEMBERSHIP -> jdbc.sql("delete from public.mbr_membership where mbr_id = ?").param(id).update();
            case PHASE -> jdbc.sql("delete from public.phs_phase where phs_id = ?").param(id).update();
        }
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
