package io.ficus.core.shared;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.support.web.ApiException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One module's read model of memberships (a table {@code <module>_member}), fed by membership
 * events and guarded by their version, and the access rules the legacy applies with it: 403 when
 * the caller is not an accepted member, or for admin work not an accepted admin. An open
 * invitation grants nothing.
 */
public final class MemberTable {

    /** A membership as the read model knows it. */
    public record Member(UUID membershipId, UUID projectId, UUID userId, MembershipRole role, boolean accepted) {
    }

    private final JdbcClient jdbc;
    private final String table;

    public MemberTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    /** Stores the membership unless a newer version is stored already (idempotent). */
    public void apply(MembershipState m, long version) {
        jdbc.sql("insert into " + table + " (membership_id, project_id, user_id, role, accepted, version)"
                        + " values (:id, :project, :user, :role, :accepted, :version)"
                        + " on conflict (membership_id) do update set project_id = excluded.project_id, user_id = excluded.user_id,"
                        + " role = excluded.role, accepted = excluded.accepted, version = excluded.version"
                        + " where " + table + ".version < excluded.version")
                .param("id", m.id()).param("project", m.projectId()).param("user", m.userId())
                .param("role", m.role().name()).param("accepted", m.state() == MembershipStatus.ACCEPTED)
                .param("version", version).update();
    }

    /** Follows one change of a membership: stored at its version, or forgotten when it was removed. */
    public void follow(io.ficus.core.shared.events.MembershipEvent change) {
        if (change.newState() instanceof MembershipState m) {
            apply(m, change.version());
        } else {
            remove(change.aggregateId());
        }
    }

    /** Forgets the membership; returns what was known about it. */
    public Optional<Member> remove(UUID membershipId) {
        Optional<Member> known = find(membershipId);
        jdbc.sql("delete from " + table + " where membership_id = ?").param(membershipId).update();
        return known;
    }

    public void removeProject(UUID projectId) {
        jdbc.sql("delete from " + table + " where project_id = ?").param(projectId).update();
    }

    public Optional<Member> find(UUID membershipId) {
        return jdbc.sql("select * from " + table + " where membership_id = ?").param(membershipId)
                .query((rs, n) -> new Member(rs.getObject("membership_id", UUID.class), rs.getObject("project_id", UUID.class),
                        rs.getObject("user_id", UUID.class), MembershipRole.valueOf(rs.getString("role")), rs.getBoolean("accepted")))
                .optional();
    }

    public Optional<Member> find(UUID projectId, UUID userId) {
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
}
