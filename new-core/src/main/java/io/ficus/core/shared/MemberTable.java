package io.ficus.core.shared;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.support.web.ApiException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One module's read model of memberships (a table {@code <module>_member}), fed by membership
 * events and guarded by their version, and the access rules the legacy applies with it: 403 when
 * the caller is not an accepted member, or for admin work not an accepted admin. An open
 * invitation grants nothing. What the events change is written together, a statement per run of like writes, when
 * the transaction commits or the table is next read ({@link PendingWrites}).
 */
public final class MemberTable {

    /** A membership as the read model knows it. */
    public record Member(UUID membershipId, UUID projectId, UUID userId, MembershipRole role, boolean accepted) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final PendingWrites<Write> pending;

    public MemberTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
        this.pending = new PendingWrites<>(table, this::write);
    }

    /** Stores the membership unless a newer version is stored already (idempotent). */
    public void apply(MembershipState m, long version) {
        pending.add(new Write(m.id(), m, version));
    }

    /** Follows one change of a membership: stored at its version, or forgotten when it was removed. */
    public void follow(io.ficus.core.shared.events.MembershipEvent change) {
        if (change.newState() instanceof MembershipState m) {
            apply(m, change.version());
        } else {
            remove(change.aggregateId());
        }
    }

    /** Forgets the membership. */
    public void remove(UUID membershipId) {
        pending.add(new Write(membershipId, null, 0));
    }

    /** Forgets the project's memberships. */
    public void removeProject(UUID projectId) {
        pending.flush();
        jdbc.sql("delete from " + table + " where project_id = ?").param(projectId).update();
    }

    /** Writes what the transaction holds back, for a query of the owning module that reads the table itself. */
    public void flush() {
        pending.flush();
    }

    public Optional<Member> find(UUID membershipId) {
        pending.flush();
        return jdbc.sql("select * from " + table + " where membership_id = ?").param(membershipId)
                .query((rs, n) -> new Member(rs.getObject("membership_id", UUID.class), rs.getObject("project_id", UUID.class),
                        rs.getObject("user_id", UUID.class), MembershipRole.valueOf(rs.getString("role")), rs.getBoolean("accepted")))
                .optional();
    }

    public Optional<Member> find(UUID projectId, UUID userId) {
        pending.flush();
        return jdbc.sql("select * from " + table + " where project_id = ? and user_id = ? order by version desc limit 1")
                .params(projectId, userId)
                .query((rs, n) -> new Member(rs.getObject("membership_id", UUID.class), rs.getObject("project_id", UUID.class),
                        rs.getObject("user_id", UUID.class), MembershipRole.valueOf(rs.getString("role")), rs.getBoolean("accepted")))
                .optional();
    }

    public boolean isAcceptedMember(UUID projectId, UUID userId) {
        return find(projectId, userId).map(Member::accepted).orElse(false);
    }

    /** How many of these users are accepted members of the project. */
    public long countAccepted(UUID projectId, java.util.Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return 0;
        }
        pending.flush();
        return jdbc.sql("select count(distinct user_id) from " + table + " where project_id = :project and accepted and user_id in (:users)")
                .param("project", projectId).param("users", userIds).query(Long.class).single();
    }

    /** Refuses with 403 unless the caller is an accepted member of the project. */
    public void requireMember(Caller caller, UUID projectId) {
        if (!isAcceptedMember(projectId, caller.id())) {
            throw ApiException.forbidden("you are not a member of project " + projectId);
        }
    }

    /** Refuses with 403 unless the caller is an accepted admin of the project. */
    public void requireAdmin(Caller caller, UUID projectId) {
        Member own = find(projectId, caller.id()).filter(Member::accepted)
                .orElseThrow(() -> ApiException.forbidden("you are not a member of project " + projectId));
        if (own.role() != MembershipRole.ADMIN) {
            throw ApiException.forbidden("only an admin of project " + projectId + " may do this");
        }
    }

    /** Writes the writes in order: each run of upserts of distinct memberships in one statement, each run of removals in one. */
    private void write(List<Write> writes) {
        for (List<Write> run : PendingWrites.runs(writes, w -> w.state() == null, Write::membershipId)) {
            UUID[] ids = run.stream().map(Write::membershipId).toArray(UUID[]::new);
            if (run.get(0).state() == null) {
                jdbc.sql("delete from " + table + " where membership_id = any(?)").param(ids).update();
                continue;
            }
            jdbc.sql("insert into " + table + " (membership_id, project_id, user_id, role, accepted, version)"
                            + " select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::boolean[], ?::bigint[])"
                            + " on conflict (membership_id) do update set project_id = excluded.project_id, user_id = excluded.user_id,"
                            + " role = excluded.role, accepted = excluded.accepted, version = excluded.version"
                            + " where " + table + ".version < excluded.version")
                    .params(ids, run.stream().map(w -> w.state().projectId()).toArray(UUID[]::new),
                            run.stream().map(w -> w.state().userId()).toArray(UUID[]::new),
                            run.stream().map(w -> w.state().role().name()).toArray(String[]::new),
                            run.stream().map(w -> w.state().state() == MembershipStatus.ACCEPTED).toArray(Boolean[]::new),
                            run.stream().map(Write::version).toArray(Long[]::new))
                    .update();
        }
    }

    /** An upsert of a membership at a version, or a removal (no state). */
    private record Write(UUID membershipId, MembershipState state, long version) {
    }
}
