package io.ficus.core.projects;

import io.ficus.core.shared.AggregateRepository;
import io.ficus.core.shared.MemberTable;
import io.ficus.core.shared.SqlArrays;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Projects; a write of a project publishes the events it registered in the same transaction. */
@Repository
class ProjectRepository extends AggregateRepository<Project> {

    private static final String INSERT = "insert into projects_project (id, name, description, created_at, version)"
            + " values (?, ?, ?, ?, ?) on conflict (id) do nothing";

    private final JdbcClient jdbc;
    /** This module's read model of members, which a deleted project takes with it. */
    private final MemberTable members;

    ProjectRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        super("project", events);
        this.jdbc = jdbc;
        this.members = new MemberTable(jdbc, "projects_member");
    }

    /** Deletes the project and this module's read model of its members. */
    @Override
    protected void delete(Project p) {
        jdbc.sql("delete from projects_project where id = ?").param(p.id()).update();
        members.removeProject(p.id());
    }

    @Override
    protected boolean insert(Project p) {
        return jdbc.sql(INSERT).params(p.id(), p.name(), p.description(), p.createdAt(), p.version()).update() == 1;
    }

    /** {@link #insert} of each, in one multi-row statement. */
    @Override
    protected boolean[] insertAll(List<Project> projects) {
        return insertedOf(projects, jdbc.sql("""
                insert into projects_project (id, name, description, created_at, version)
                select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::timestamp[], ?::bigint[])
                on conflict (id) do nothing returning id""")
                .params(projects.stream().map(Project::id).toArray(UUID[]::new),
                        projects.stream().map(Project::name).toArray(String[]::new),
                        projects.stream().map(Project::description).toArray(String[]::new),
                        SqlArrays.timestamps(projects, Project::createdAt),
                        projects.stream().map(Project::version).toArray(Long[]::new))
                .query(UUID.class).list());
    }

    /** The stored projects of {@code ids}, in one query, by id. */
    Map<UUID, Project> findAll(Collection<UUID> ids) {
        Map<UUID, Project> found = new HashMap<>();
        jdbc.sql("select * from projects_project where id = any(?)").param(ids.toArray(UUID[]::new))
                .query(ProjectRepository::map).list().forEach(p -> found.put(p.id(), p));
        return found;
    }

    @Override
    protected boolean update(Project p) {
        return jdbc.sql("update projects_project set name = ?, description = ?, created_at = ?, version = ?, changed_at = now()"
                + " where id = ? and version = ?").params(p.name(), p.description(), p.createdAt(), p.version(), p.id(),
                p.storedVersion()).update() == 1;
    }

    Optional<Project> find(UUID id) {
        return jdbc.sql("select * from projects_project where id = ?").param(id).query(ProjectRepository::map).optional();
    }

    /** Projects where the user is an accepted member, by creation time then id. */
    List<Project> acceptedFor(UUID userId) {
        members.flush();
        return jdbc.sql("""
                select p.* from projects_project p
                where exists (select 1 from projects_member m where m.project_id = p.id and m.user_id = ? and m.accepted)
                order by p.created_at, p.id""").param(userId).query(ProjectRepository::map).list();
    }

    private static Project map(ResultSet rs, int row) throws SQLException {
        return new Project(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
