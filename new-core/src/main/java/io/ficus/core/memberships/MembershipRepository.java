package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import io.ficus.core.shared.Origin;
import io.ficus.core.shared.events.MembershipAdded;
import io.ficus.core.shared.events.MembershipChanged;
import io.ficus.core.shared.events.MembershipRemoved;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships; a write of one publishes its event in the same transaction. */
@Repository
class MembershipRepository {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    MembershipRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Inserts a membership unless one with its id exists, and publishes {@link MembershipAdded}; whether it was inserted. */
    boolean added(Membership membership, Origin origin) {
        if (!insert(membership)) {
            return false;
        }
        events.publishEvent(new MembershipAdded(membership.state(), membership.version(), origin));
        return true;
    }

    /** Stores a changed membership over its previous version and publishes {@link MembershipChanged}. */
    Membership changed(Membership membership, Origin origin) {
        update(membership);
        events.publishEvent(new MembershipChanged(membership.state(), membership.version(), origin));
        return membership;
    }

    /** Deletes a membership and publishes {@link MembershipRemoved}. */
    void removed(Membership m, Origin origin) {
        delete(m.id());
        events.publishEvent(new MembershipRemoved(m.id(), m.projectId(), m.userId(), m.version() + 1, origin));
    }

    Optional<Membership> find(UUID id) {
        return jdbc.sql("select * from memberships_membership where id = ?").param(id).query(MembershipRepository::map).optional();
    }

    Optional<Membership> find(UUID projectId, UUID userId) {
        return jdbc.sql("select * from memberships_membership where project_id = ? and user_id = ? order by created_at, id limit 1")
                .params(projectId, userId).query(MembershipRepository::map).optional();
    }

    List<Membership> ofProject(UUID projectId) {
        return jdbc.sql("select * from memberships_membership where project_id = ? order by created_at, id")
                .param(projectId).query(MembershipRepository::map).list();
    }

    List<Membership> ofUser(UUID userId) {
        return jdbc.sql("select * from memberships_membership where user_id = ? order by created_at, id")
                .param(userId).query(MembershipRepository::map).list();
    }

    long countAcceptedAdmins(UUID projectId) {
        return jdbc.sql("select count(*) from memberships_membership where project_id = ? and role = 'ADMIN' and status = 'ACCEPTED'")
                .param(projectId).query(Long.class).single();
    }

    private boolean insert(Membership m) {
        return jdbc.sql("""
                insert into memberships_membership (id, project_id, user_id, role, status, created_at, version)
                values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""")
                .params(m.id(), m.projectId(), m.userId(), m.role().name(), m.status().name(), m.createdAt(), m.version())
                .update() == 1;
    }

    private void update(Membership m) {
        int n = jdbc.sql("""
                update memberships_membership set project_id = ?, user_id = ?, role = ?, status = ?, created_at = ?, version = ?,
                    changed_at = now()
                where id = ? and version = ?""")
                .params(m.projectId(), m.userId(), m.role().name(), m.status().name(), m.createdAt(), m.version(), m.id(),
                        m.version() - 1)
                .update();
        if (n != 1) {
            throw new OptimisticLockingFailureException("membership " + m.id() + " changed concurrently");
        }
    }

    private void delete(UUID id) {
        jdbc.sql("delete from memberships_membership where id = ?").param(id).update();
    }

    private static Membership map(ResultSet rs, int row) throws SQLException {
        return new Membership(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class),
                MembershipRole.valueOf(rs.getString("role")), MembershipStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
