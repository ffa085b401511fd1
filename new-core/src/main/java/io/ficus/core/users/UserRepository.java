package io.ficus.core.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import io.ficus.core.shared.AggregateRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users; a write of a user publishes the events it registered in the same transaction. */
@Repository
class UserRepository extends AggregateRepository<User> {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc, ApplicationEventPublisher events) {
        super("user", events);
        this.jdbc = jdbc;
    }

    @Override
    protected void delete(User u) {
        jdbc.sql("delete from users_user where id = ?").param(u.id()).update();
    }

    /** Inserts the user; an email taken meanwhile fails on {@code users_email_ux}. */
    @Override
    protected boolean insert(User u) {
        return jdbc.sql("insert into users_user (id, name, email, password_hash, created_at, version) values (?, ?, ?, ?, ?, ?)")
                .params(u.id(), u.name(), u.email(), u.passwordHash(), u.createdAt(), u.version()).update() == 1;
    }

    @Override
    protected boolean update(User u) {
        return jdbc.sql("update users_user set name = ?, email = ?, password_hash = ?, created_at = ?, version = ?,"
                + " changed_at = now() where id = ? and version = ?").params(u.name(), u.email(), u.passwordHash(), u.createdAt(),
                u.version(), u.id(), u.storedVersion()).update() == 1;
    }

    Optional<User> find(UUID id) {
        return jdbc.sql("select * from users_user where id = ?").param(id).query(UserRepository::map).optional();
    }

    /** The user, its row locked until the transaction ends: concurrent changes of one account queue up, as on the legacy. */
    Optional<User> findForUpdate(UUID id) {
        return jdbc.sql("select * from users_user where id = ? for update").param(id).query(UserRepository::map).optional();
    }

    Optional<User> findByEmail(String email) {
        return jdbc.sql("select * from users_user where lower(email) = lower(?)").param(email).query(UserRepository::map).optional();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
