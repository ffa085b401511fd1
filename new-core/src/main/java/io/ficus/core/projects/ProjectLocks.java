package io.ficus.core.projects;

import io.ficus.support.web.ApiException;
import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one lock per project that every change touching a project's rules takes first, in every
 * module, as the legacy locks its project row: the project's row in {@code projects_project},
 * held until the caller's transaction ends. Changes of one project therefore run one after the
 * other, each seeing everything the previous one committed (read models included, since they are
 * updated inside the transaction of the change they follow).
 */
@Component
public class ProjectLocks {

    private final JdbcClient jdbc;

    ProjectLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the project until the transaction ends; whether it exists. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean lock(UUID projectId) {
        return jdbc.sql("select id from projects_project where id = ? for update").param(projectId).query(UUID.class).optional().isPresent();
    }

    /** Locks the project until the transaction ends, or refuses with 404 when there is none. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockExisting(UUID projectId) {
        if (!lock(projectId)) {
            throw ApiException.notFound("no project " + projectId);
        }
    }

    /** Locks every one of the projects that exists, in id order (so two callers never wait on each other in a circle). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAll(Collection<UUID> projectIds) {
        if (projectIds.isEmpty()) {
            return;
        }
        jdbc.sql("select id from projects_project where id in (:ids) order by id for update").param("ids", projectIds)
                .query(UUID.class).list();
    }
}
