package io.ficus.adapter.reconcile;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.PhaseState;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.TicketState;
import io.ficus.contracts.UserState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * How the core's own aggregate tables read as canonical states (read-only; the core's read
 * models of other modules are not compared, they are the core's business).
 */
final class CoreStates {

    private CoreStates() {
    }

    /** A query returning {@code id, version} and the state's columns, ordered by id, with an optional id filter. */
    static String query(EntityType type, boolean byIds) {
        String where = byIds ? " where x.id = any(?)" : "";
        return switch (type) {
            case USER -> "select x.id, x.version, x.name, x.email, x.password_hash, x.created_at from users_user x" + where + " order by x.id";
            case PROJECT -> "select x.id, x.version, x.name, x.description, x.created_at from projects_project x" + where + " order by x.id";
            case MEMBERSHIP -> "select x.id, x.version, x.project_id, x.user_id, x.role, x.status, x.created_at from memberships_membership x"
                    + where + " order by x.id";
            case PHASE -> "select x.id, x.version, x.project_id, x.name, x.position, x.created_at from phases_phase x" + where + " order by x.id";
            case TICKET -> "select x.id, x.version, x.project_id, x.phase_id, x.title, x.description, x.due_time, x.created_at,"
                    + " (select string_agg(a.user_id::text, ';' order by a.position) from tickets_assignee a where a.ticket_id = x.id) as assignees"
                    + " from tickets_ticket x" + where + " order by x.id";
        };
    }

    /**
     * The states of one id range, ordered by id, for a full comparison: the ticket's assignees come from one grouped
     * read of the range's assignments joined by id, not from a lookup per ticket.
     */
    static String rangeQuery(EntityType type, IdRange range) {
        if (type != EntityType.TICKET) {
            String query = query(type, false);
            int order = query.lastIndexOf(" order by ");
            return query.substring(0, order) + " where true" + range.condition("x.id", "::uuid") + query.substring(order);
        }
        return "select x.id, x.version, x.project_id, x.phase_id, x.title, x.description, x.due_time, x.created_at,"
                + " a.assignees from tickets_ticket x left join (select ticket_id, string_agg(user_id::text, ';' order by"
                + " position) as assignees from tickets_assignee where true" + range.condition("ticket_id", "::uuid")
                + " group by ticket_id) a on a.ticket_id = x.id where true" + range.condition("x.id", "::uuid")
                + " order by x.id";
    }

    /** Binds the parameters of {@link #rangeQuery}. */
    static void bindRange(EntityType type, IdRange range, java.sql.PreparedStatement statement) throws SQLException {
        int next = range.bind(statement, 1);
        if (type == EntityType.TICKET) {
            range.bind(statement, next);
        }
    }

    static String idQuery(EntityType type) {
        return "select id from " + table(type) + " order by id";
    }

    /** A query returning the ids of the rows the core wrote at or after a point in time (a timestamptz parameter). */
    static String changedSinceQuery(EntityType type) {
        return "select id from " + table(type) + " where changed_at >= ?";
    }

    private static String table(EntityType type) {
        return switch (type) {
            case USER -> "users_user";
            case PROJECT -> "projects_project";
            case MEMBERSHIP -> "memberships_membership";
            case PHASE -> "phases_phase";
            case TICKET -> "tickets_ticket";
        };
    }

    static EntityState read(EntityType type, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return switch (type) {
            case USER -> new UserState(id, rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                    time(rs, "created_at"));
            case PROJECT -> new ProjectState(id, rs.getString("name"), rs.getString("description"), time(rs, "created_at"));
            case MEMBERSHIP -> new MembershipState(id, rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class),
                    MembershipRole.valueOf(rs.getString("role")), MembershipStatus.valueOf(rs.getString("status")),
                    time(rs, "created_at"));
            case PHASE -> new PhaseState(id, rs.getObject("project_id", UUID.class), rs.getString("name"), rs.getInt("position"),
                    time(rs, "created_at"));
            case TICKET -> new TicketState(id, rs.getObject("project_id", UUID.class), rs.getObject("phase_id", UUID.class),
                    rs.getString("title"), rs.getString("description"), time(rs, "due_time"), time(rs, "created_at"),
                    ids(rs.getString("assignees")));
        };
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.withNano(0);
    }

    private static List<UUID> ids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.stream(joined.split(";")).map(UUID::fromString).toList();
    }
}
