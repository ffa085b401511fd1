package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import io.ficus.core.shared.AggregateRepository;
import io.ficus.core.shared.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships; a write of one publishes the events it registered in the same transaction. */
@Repository
class MembershipRepository extends AggregateRepository<Membership> {

    private static final String INSERT = """
            insert into memberships_membership (id, project_id, user_id, role, status, created_at, version)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""";

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        super("membership", events);
        this.jdbc = jdbc;
    }

    @Override
    protected void delete(Membership m) {
        jdbc.sql("delete from memberships_membership where id = ?").param(m.id()).update();
    }

    @Override
    protected boolean insert(Membership m) {
        return jdbc.sql(INSERT)
                .params(m.id(), m.projectId(), m.userId(), m.role().name(), m.status().name(), m.createdAt(), m.version())
                .update() == 1;
    }

    /** {@link #insert} of each, in one multi-row statement. */
    @Override
    protected boolean[] insertAll(List<Membership> memberships) {
        return insertedOf(memberships, jdbc.sql("""
                insert into memberships_membership (id, project_id, user_id, role, status, created_at, version)
                select * from unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::timestamp[], ?::bigint[])
                on conflict (id) do nothing returning id""")
                .params(memberships.stream().map(Membership::id).toArray(UUID[]::new),
                        memberships.stream().map(Membership::projectId).toArray(UUID[]::new),
                        memberships.stream().map(Membership::userId).toArray(UUID[]::new),
                        memberships.stream().map(m -> m.role().name()).toArray(String[]::new),
                        memberships.stream().map(m -> m.status().name()).toArray(String[]::new),
                        SqlArrays.timestamps(memberships, Membership::createdAt),
                        memberships.stream().map(Membership::version).toArray(Long[]::new))
                .query(UUID.class).list());
    }

    /** The stored memberships of {@code ids}, in one query, by id. */
    Map<UUID, Membership> findAll(Collection<UUID> ids) {
        Map<UUID, Membership> found = new HashMap<>();
        jdbc.sql("select * from memberships_membership where id = any(?)").param(ids.toArray(UUID[]::new))
                .query(MembershipRepository::map).list().forEach(m -> found.put(m.id(), m));
        return found;
    }

    @Override
    protected boolean update(Membership m) {
        return jdbc.sql("""
                update memberships_membership set project_id = ?, user_id = ?, role = ?, status = ?, created_at = ?, version = ?,
                    changed_at = now()
                where id = ? and version = ?""")
                .params(m.projectId(), m.userId(), m.role().name(), m.status().name(), m.createdAt(), m.version(), m.id(),
                        m.storedVersion())
                .update() == 1;
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

    private static Membership map(ResultSet rs, int row) throws SQLException {
        return new Membership(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getObject("user_id", UUID.class),
                MembershipRole.valueOf(rs.getString("role")), MembershipStatus.valueOf(rs.getString("status")),
                rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
