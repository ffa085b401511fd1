package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A unit of work that lost a race is redone whole, a bounded number of times, only where it owns its transaction. */
class ConflictRetryTest extends CoreTest {

    @Autowired
    TestListeners.Contended contended;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aUnitOfWorkThatLostARaceIsRedoneAndOnlyItsLastAttemptStays() {
        String id = "retry-" + UUID.randomUUID();
        contended.write(id, 3);
        assertThat(contended.attempts(id)).isEqualTo(4);
        assertThat(count("select count(*) from projects_project where name like ?", id + "%")).isOne();
        assertThat(count("select count(*) from projects_project where name = ?", id + " attempt 4")).isOne();
    }

    @Test
    void aUnitOfWorkThatKeepsLosingFailsAfterTheConfiguredRetriesAndLeavesNothing() {
        String id = "retry-" + UUID.randomUUID();
        assertThatThrownBy(() -> contended.write(id, 100)).isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(contended.attempts(id)).isEqualTo(1 + 8);
        assertThat(count("select count(*) from projects_project where name like ?", id + "%")).isZero();
    }

    @Test
    void aMethodThatJoinsARunningTransactionIsNotRetriedOnItsOwn() {
        String id = "retry-" + UUID.randomUUID();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> contended.write(id, 1)))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(contended.attempts(id)).isEqualTo(1);
    }
}
