package io.ficus.legacy.memberships;

import io.ficus.legacy.projects.Project;
import io.ficus.legacy.projects.ProjectRepository;
import io.ficus.legacy.security.Caller;
import io.ficus.support.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * Who may do what in a project: 404 when the project does not exist, 403 when the caller is not
 * an accepted member (or, for admin work, not an accepted admin). An open invitation grants nothing.
 */
@Component
public class ProjectAccess {

    private final ProjectRepository projects;
    private final MembershipRepository memberships;

    ProjectAccess(ProjectRepository projects, MembershipRepository memberships) {
        this.projects = projects;
        this.memberships = memberships;
    }

    /** The project, if the caller is an accepted member. */
    public Project member(Caller caller, String projectId) {
        Project project = projects.findById(projectId).orElseThrow(() -> ApiException.notFound("no project " + projectId));
        requireMember(caller, projectId);
        return project;
    }

    /** The project, locked for the rest of the transaction, if the caller is an accepted member. */
    public Project memberForUpdate(Caller caller, String projectId) {
        Project project = projects.findForUpdate(projectId).orElseThrow(() -> ApiException.notFound("no project " + projectId));
        requireMember(caller, projectId);
        return project;
    }

    /** The project, locked for the rest of the transaction, if the caller is an accepted admin. */
    public Project adminForUpdate(Caller caller, String projectId) {
        Project project = projects.findForUpdate(projectId).orElseThrow(() -> ApiException.notFound("no project " + projectId));
        requireAdmin(caller, projectId);
        return project;
    }

    /** Refuses with 403 unless the caller is an accepted member of the project. */
    public void requireMember(Caller caller, String projectId) {
        if (!memberships.findByProjectIdAndUserId(projectId, caller.id()).map(Membership::isAccepted).orElse(false)) {
            throw ApiException.forbidden("you are not a member of project " + projectId);
        }
    }

    /** Refuses with 403 unless the caller is an accepted admin of the project. */
    public void requireAdmin(Caller caller, String projectId) {
        Membership own = memberships.findByProjectIdAndUserId(projectId, caller.id())
                .filter(Membership::isAccepted)
                .orElseThrow(() -> ApiException.forbidden("you are not a member of project " + projectId));
        if (!own.isAcceptedAdmin()) {
            throw ApiException.forbidden("only an admin of project " + projectId + " may do this");
        }
    }

    /** True if the caller is an accepted admin of the project. */
    public boolean isAdmin(Caller caller, String projectId) {
        return memberships.findByProjectIdAndUserId(projectId, caller.id()).map(Membership::isAcceptedAdmin).orElse(false);
    }
}
