package io.ficus.core.phases;

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

/** Phases; a write of a phase publishes the events it registered in the same transaction. */
@Repository
class PhaseRepository extends AggregateRepository<Phase> {

    private static final String INSERT = "insert into phases_phase (id, project_id, name, position, created_at, version)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (id) do nothing";

    private final JdbcClient jdbc;

    PhaseRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        super("phase", events);
        this.jdbc = jdbc;
    }

    @Override
    protected void delete(Phase p) {
        jdbc.sql("delete from phases_phase where id = ?").param(p.id()).update();
    }

    @Override
    protected boolean insert(Phase p) {
        return jdbc.sql(INSERT).params(p.id(), p.projectId(), p.name(), p.position(), p.createdAt(), p.version())
                .update() == 1;
    }

    /** {@link #insert} of each, in one multi-row statement. */
    @Override
    protected boolean[] insertAll(List<Phase> phases) {
        return insertedOf(phases, jdbc.sql("""
                insert into phases_phase (id, project_id, name, position, created_at, version)
                select * from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::integer[], ?::timestamp[], ?::bigint[])
                on conflict (id) do nothing returning id""")
                .params(phases.stream().map(Phase::id).toArray(UUID[]::new),
                        phases.stream().map(Phase::projectId).toArray(UUID[]::new),
                        phases.stream().map(Phase::name).toArray(String[]::new),
                        phases.stream().map(Phase::position).toArray(Integer[]::new),
                        SqlArrays.timestamps(phases, Phase::createdAt),
                        phases.stream().map(Phase::version).toArray(Long[]::new))
                .query(UUID.class).list());
    }

    /** The stored phases of {@code ids}, in one query, by id. */
    Map<UUID, Phase> findAll(Collection<UUID> ids) {
        Map<UUID, Phase> found = new HashMap<>();
        jdbc.sql("select * from phases_phase where id = any(?)").param(ids.toArray(UUID[]::new)).query(PhaseRepository::map)
                .list().forEach(p -> found.put(p.id(), p));
        return found;
    }

    @Override
    protected boolean update(Phase p) {
        return jdbc.sql("update phases_phase set project_id = ?, name = ?, position = ?, created_at = ?, version = ?,"
                + " changed_at = now() where id = ? and version = ?").params(p.projectId(), p.name(), p.position(), p.createdAt(),
                p.version(), p.id(), p.storedVersion()).update() == 1;
    }

    Optional<Phase> find(UUID id) {
        return jdbc.sql("select * from phases_phase where id = ?").param(id).query(PhaseRepository::map).optional();
    }

    List<Phase> ofProject(UUID projectId) {
        return jdbc.sql("select * from phases_phase where project_id = ? order by position, id").param(projectId)
                .query(PhaseRepository::map).list();
    }

    /** The project's board, its phases as stored. */
    Board boardOf(UUID projectId) {
        return new Board(ofProject(projectId));
    }

    private static Phase map(ResultSet rs, int row) throws SQLException {
        return new Phase(rs.getObject("id", UUID.class), rs.getObject("project_id", UUID.class), rs.getString("name"),
                rs.getInt("position"), rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
