package io.ficus.adapter.faults;

import static io.ficus.adapter.faults.SyncFailures.Kind.POISON;
import static io.ficus.adapter.faults.SyncFailures.Kind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;

class SyncFailuresTest {

    @Test
    void aServerAwayATimeoutALockTimeoutOrASerializationFailureIsTransient() {
        assertThat(SyncFailures.classify(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool timed out")))).isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new CannotCreateTransactionException("no tx", new ConnectException("refused"))))
                .isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new RuntimeException(new SQLException("lock timeout", "55P03")))).isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new RuntimeException(new SQLException("could not serialize", "40001")))).isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new RuntimeException(new SQLException("terminating connection", "57P01")))).isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new KafkaException("send failed",
                new org.apache.kafka.common.errors.TimeoutException("expired")))).isEqualTo(TRANSIENT);
    }

    @Test
    void anUnreadableRecordAnUnknownCodeOrAConstraintThatWillNeverHoldIsPoison() {
        assertThat(SyncFailures.classify(new PoisonRecordException("has unknown MBR_ROLE_CD"))).isEqualTo(POISON);
        assertThat(SyncFailures.classify(new ClassCastException("UserState cannot be cast"))).isEqualTo(POISON);
        assertThat(SyncFailures.classify(new DuplicateKeyException("email", new SQLException("duplicate key", "23505"))))
                .isEqualTo(POISON);
        assertThat(SyncFailures.classify(new DataIntegrityViolationException("not null"))).isEqualTo(POISON);
    }

    @Test
    void aTransientCauseAnywhereInTheChainWinsAndAnUnknownFailureIsRetriedRatherThanDropped() {
        assertThat(SyncFailures.classify(new IllegalArgumentException("wrapper", new ConnectException("refused"))))
                .isEqualTo(TRANSIENT);
        assertThat(SyncFailures.classify(new IllegalStateException("something unforeseen"))).isEqualTo(TRANSIENT);
    }

    @Test
    void describesAFailureByItsClassesAndSqlStateWithoutItsMessages() {
        var failure = new DuplicateKeyException("Key (email)=(secret@example.com) already exists",
                new SQLException("Key (email)=(secret@example.com) already exists", "23505"));
        assertThat(SyncFailures.describe(failure)).isEqualTo("DuplicateKeyException <- SQLException[23505]")
                .doesNotContain("secret");
    }
}
