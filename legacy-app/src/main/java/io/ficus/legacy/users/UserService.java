package io.ficus.legacy.users;

import io.ficus.legacy.memberships.Membership;
import io.ficus.legacy.memberships.MembershipRepository;
import io.ficus.legacy.phases.Phase;
import io.ficus.legacy.phases.PhaseRepository;
import io.ficus.legacy.projects.Project;
import io.ficus.legacy.projects.ProjectRemoval;
import io.ficus.legacy.projects.ProjectRepository;
import io.ficus.legacy.security.Caller;
import io.ficus.legacy.security.PasswordHasher;
import io.ficus.legacy.security.TokenService;
import io.ficus.support.web.Checks;
import io.ficus.legacy.support.Timestamps;
import io.ficus.legacy.tickets.TicketRepository;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts and users: registration, login, profile changes and deletion, each in one transaction. */
@Service
public class UserService {

    /** The name of the project every registration creates. */
    public static final String DEFAULT_PROJECT_NAME = "Default project";
    /** The phases of the default project, in order. */
    public static final List<String> DEFAULT_PHASES = List.of("Backlog", "In progress", "Done");

    private final UserRepository users;
    private final ProjectRepository projects;
    private final MembershipRepository memberships;
    private final PhaseRepository phases;
    private final TicketRepository tickets;
    private final ProjectRemoval projectRemoval;
    private final PasswordHasher hasher;
    private final TokenService tokens;

    UserService(UserRepository users, ProjectRepository projects, MembershipRepository memberships, PhaseRepository phases,
                TicketRepository tickets, ProjectRemoval projectRemoval, PasswordHasher hasher, TokenService tokens) {
        this.users = users;
        this.projects = projects;
        this.memberships = memberships;
        this.phases = phases;
        this.tickets = tickets;
        this.projectRemoval = projectRemoval;
        this.hasher = hasher;
        this.tokens = tokens;
    }

    /** A new user with a default project, an accepted admin membership in it and three phases. */
    @Transactional
    public UserView register(String name, String email, String password) {
        Checks.text("name", name, 100);
        Checks.email("email", email);
        Checks.password("password", password);
        if (users.findLiveByEmail(email).isPresent()) {
            throw ApiException.conflict("email " + email + " is already registered");
        }
        LocalDateTime now = Timestamps.now();
        User user = users.save(new User(newId(), name, email, hasher.hash(password), now));
        Project project = projects.save(new Project(newId(), DEFAULT_PROJECT_NAME, null, now));
        memberships.save(new Membership(newId(), project.getId(), user.getId(), Membership.ADMIN, Membership.ACCEPTED, now));
        for (int position = 0; position < DEFAULT_PHASES.size(); position++) {
            phases.save(new Phase(newId(), project.getId(), DEFAULT_PHASES.get(position), position, now));
        }
        users.flush();
        return UserView.of(user);
    }

    @Transactional(readOnly = true)
    public TokenView login(String email, String password) {
        if (email == null || password == null) {
            throw ApiException.badRequest("'email' and 'password' are required");
        }
        Checks.storable("email", email);
        User user = users.findLiveByEmail(email)
                .filter(u -> hasher.matches(password, u.getPasswordHash()))
                .orElseThrow(() -> ApiException.unauthorized("invalid email or password"));
        return new TokenView(tokens.issue(user.getId(), user.getEmail()), "Bearer", tokens.ttlSeconds());
    }

    @Transactional(readOnly = true)
    public UserView get(String id) {
        return UserView.of(users.findLive(id).orElseThrow(() -> ApiException.notFound("no user " + id)));
    }

    @Transactional(readOnly = true)
    public UserView byEmail(String email) {
        Checks.storable("email", email);
        return UserView.of(users.findLiveByEmail(email).orElseThrow(() -> ApiException.notFound("no user with email " + email)));
    }

    @Transactional
    public UserView update(Caller caller, String id, UserPatch patch) {
        User user = users.findLive(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!user.getId().equals(caller.id())) {
            throw ApiException.forbidden("you may only change your own account");
        }
        LocalDateTime now = Timestamps.now();
        if (patch.has("name")) {
            user.rename(Checks.text("name", patch.getName(), 100), now);
        }
        if (patch.has("email")) {
            String email = Checks.email("email", patch.getEmail());
            users.findLiveByEmail(email).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
                throw ApiException.conflict("email " + email + " is already registered");
            });
            user.changeEmail(email, now);
        }
        if (patch.has("password")) {
            user.changePasswordHash(hasher.hash(Checks.password("password", patch.getPassword())), now);
        }
        users.flush();
        return UserView.of(user);
    }

    /**
     * Flags the user deleted, deletes every project where they were the last accepted admin (with
     * its phases, tickets and memberships), deletes their other memberships and removes them from
     * the assignees of every live ticket.
     */
    @Transactional
    public void delete(Caller caller, String id) {
        User user = users.findLive(id).orElseThrow(() -> ApiException.notFound("no user " + id));
        if (!user.getId().equals(caller.id())) {
            throw ApiException.forbidden("you may only delete your own account");
        }
        LocalDateTime now = Timestamps.now();
        List<String> orphaned = memberships.findByUserIdOrderByCreatedAtAscIdAsc(id).stream()
                .filter(Membership::isAcceptedAdmin)
                .map(Membership::getProjectId)
                .filter(projectId -> memberships.countAcceptedAdmins(projectId) == 1)
                .toList();
        for (String projectId : orphaned) {
            projects.findForUpdate(projectId);
            projectRemoval.remove(projectId, now);
        }
        memberships.deleteByUser(id);
        tickets.unassign(id, null, now);
        users.findLive(id).orElseThrow().markDeleted(now);
        users.flush();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
