package io.ficus.core.users;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void insert(User u) {
        jdbc.sql("insert into users_user (id, name, email, password_hash, created_at, version) values (?, ?, ?, ?, ?, ?)")
                .params(u.id(), u.name(), u.email(), u.passwordHash(), u.createdAt(), u.version()).update();
    }

    /** Stores {@code u} over the version before it; fails if someone else changed it meanwhile. */
    void update(User u) {
        int n = jdbc.sql("update users_user set name = ?, email = ?, password_hash = ?, created_at = ?, version = ?, changed_at = now() where id = ? and version = ?")
                .params(u.name(), u.email(), u.passwordHash(), u.createdAt(), u.version(), u.id(), u.version() - 1).update();
        if (n != 1) {
            throw new OptimisticLockingFailureException("user " + u.id() + " changed concurrently");
        }
    }

    void delete(UUID id) {
        jdbc.sql("delete from users_user where id = ?").param(id).update();
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getObject("created_at", LocalDateTime.class), rs.getLong("version"));
    }
}
