package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ficus.core.shared.FollowUps;
import io.ficus.core.users.RegisterUser;
import io.ficus.core.users.UserManagement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * A crash between the commit of a use case and its registry-guarded follow-ups loses nothing:
 * the restarted core resubmits the outstanding publications and the follow-ups' effects appear,
 * exactly once however often they are resubmitted.
 *
 * <p>The crash: the use case runs in a unit of work ({@link FollowUps#run}) whose queue already
 * holds a task that throws an {@link Error}. The use case commits (user row and publications
 * stored), its follow-ups are queued behind that task, and the drain dies on the Error before
 * reaching them: the unit of work is abandoned and its queued follow-ups are discarded, as if the
 * JVM had died right after the commit. Nothing in this process ever runs them.
 *
 * <p>The restart: {@link SmartInitializingSingleton#afterSingletonsInstantiated()} of the
 * registry's multicaster is exactly what a starting core runs; it resubmits every incomplete
 * publication if {@code spring.modulith.events.republish-outstanding-events-on-restart} is set.
 *
 * <p>Why it would fail without the guarantee: if the follow-ups were plain {@code @Async}
 * listeners (no publication stored with the change) or the property were off, nothing would be
 * resubmitted and the default project would never appear within the 30 s wait (the periodic
 * retry only takes never-completed publications after {@code incomplete-after} = 1 min, so it
 * cannot rescue the test either). If the follow-ups were not idempotent, the second "restart"
 * after un-completing their publications would create a second project, membership or phase set.
 */
class CrashRecoveryTest extends CoreTest {

    /** The process dying: not a RuntimeException, so the follow-up drain does not survive it. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash right after the commit");
        }
    }

    @Autowired
    UserManagement users;
    @Autowired
    @Qualifier(FollowUps.EXECUTOR)
    Executor followUps;
    @Autowired
    IncompleteEventPublications registry;

    @Test
    void followUpsLostToACrashAfterTheCommitRunWhenTheCoreRestartsAndOnlyOnceHoweverOftenTheyAreResubmitted() {
        String email = "crash-" + UUID.randomUUID() + "@example.com";

        assertThatThrownBy(() -> FollowUps.run(() -> {
            followUps.execute(() -> {
                throw new SimulatedCrash();
            });
            users.register(new RegisterUser("Crash", email, "secret-password"));
        })).isInstanceOf(SimulatedCrash.class);

        // The registration committed, its follow-ups never ran, their publications wait in the registry.
        UUID user = users.byEmail(email).id();
        Account account = new Account(user.toString(), email, users.login(email, "secret-password").token());
        assertThat(get("/api/projects", account).expect(200).body().size()).isZero();
        assertThat(count("select count(*) from memberships_membership where user_id = ?", user)).isZero();
        assertThat(count("select count(*) from event_publication where completion_date is null and event_type like '%UserRegistered'"
                + " and serialized_event like ?", "%" + user + "%")).isPositive();

        restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/projects", account).body().size() == 1
                && count("select count(*) from phases_phase where project_id = ?", UUID.fromString(defaultProject(account))) == 3
                && count("select count(*) from memberships_membership where user_id = ? and role = 'ADMIN' and status = 'ACCEPTED'",
                user) == 1);
        UUID project = UUID.fromString(defaultProject(account));
        await().atMost(Duration.ofSeconds(30)).until(() -> outstanding(user, project) == 0);
        assertThat(get("/api/projects/" + project + "/phases", account).expect(200).body().size()).isEqualTo(3);
        post("/api/projects/" + project + "/tickets", account, java.util.Map.of("title", "after the crash")).expect(201);

        // A second crash, after the follow-ups committed but before the registry recorded it: at least once means again.
        int reopened = jdbc.sql("update event_publication set completion_date = null, status = 'PUBLISHED'"
                        + " where listener_id not like '%CoreEventExternalizer%' and (serialized_event like ? or serialized_event like ?)")
                .params("%" + user + "%", "%" + project + "%").update();
        assertThat(reopened).isGreaterThanOrEqualTo(3);
        restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> outstanding(user, project) == 0);

        assertThat(count("select count(*) from projects_project where id = ?", project)).isEqualTo(1);
        assertThat(get("/api/projects", account).body().size()).isEqualTo(1);
        assertThat(count("select count(*) from memberships_membership where user_id = ?", user)).isEqualTo(1);
        assertThat(count("select count(*) from phases_phase where project_id = ?", project)).isEqualTo(3);
    }

    /** What a starting core does with the registry (see {@code PersistentApplicationEventMulticaster}). */
    private void restart() {
        ((SmartInitializingSingleton) registry).afterSingletonsInstantiated();
    }

    private long outstanding(UUID user, UUID project) {
        return count("select count(*) from event_publication where completion_date is null and (serialized_event like ? or serialized_event like ?)",
                "%" + user + "%", "%" + project + "%");
    }
}
