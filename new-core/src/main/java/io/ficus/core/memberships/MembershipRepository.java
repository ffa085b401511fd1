package io.ficus.core.memberships;

import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import io.ficus.core.shared.AggregateRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships; a write of one publishes the events it registered in the same transaction. */
@Repository
class MembershipRepository extends AggregateRepository<Membership> {

    private static final String INSERT = """
            insert into memberships_membership (id, project_id, user_id, role, status, created_at, version)
            values (?, ?, ?, ?, ?, ?, ?) on conflict (id) do nothing""";
    private static final int[] INSERT_TYPES = {Types.OTHER, Types.OTHER, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP, Types.BIGINT};

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    MembershipRepository(JdbcClient jdbc, JdbcTemplate batch, ApplicationEventPublisher events) {
        super("membership", events);
        this.jdbc = jdbc;
        this.batch = batch;
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

    /** {@link #insert} of each, in one JDBC batch. */
    @Override
    protected boolean[] insertAll(List<Membership> memberships) {
        int[] counts = batch.batchUpdate(INSERT, memberships.stream().map(m -> new Object[] {m.id(), m.projectId(), m.userId(),
                m.role().name(), m.status().name(), m.createdAt(), m.version()}).toList(), INSERT_TYPES);
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] == 1;
        }
        return inserted;
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
