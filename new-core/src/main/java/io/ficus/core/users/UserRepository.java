package io.ficus.core.users;

import io.ficus.core.shared.AggregateRepository;
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

/** Users; a write of a user publishes the events it registered in the same transaction. */
@Repository
class UserRepository extends AggregateRepository<User> {

    private static final String INSERT =
            "insert into users_user (id, name, email, password_hash, created_at, version) values (?, ?, ?, ?, ?, ?)";

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
        return jdbc.sql(INSERT).params(u.id(), u.name(), u.email(), u.passwordHash(), u.createdAt(), u.version()).update() == 1;
    }

    /** {@link #insert} of each, in one multi-row statement; an email taken meanwhile fails it on {@code users_email_ux}. */
    @Override
    protected boolean[] insertAll(List<User> users) {
        return insertedOf(users, jdbc.sql("""
                insert into users_user (id, name, email, password_hash, created_at, version)
                select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamp[], ?::bigint[])
                returning id""")
                .params(users.stream().map(User::id).toArray(UUID[]::new),
                        users.stream().map(User::name).toArray(String[]::new),
                        users.stream().map(User::email).toArray(String[]::new),
                        users.stream().map(User::passwordHash).toArray(String[]::new),
                        SqlArrays.timestamps(users, User::createdAt),
                        users.stream().map(User::version).toArray(Long[]::new))
                .query(UUID.class).list());
    }

    /** The stored users of {@code ids}, in one query, by id. */
    Map<UUID, User> findAll(Collection<UUID> ids) {
        Map<UUID, User> found = new HashMap<>();
        jdbc.sql("select * from users_user where id = any(?)").param(ids.toArray(UUID[]::new)).query(UserRepository::map)
                .list().forEach(u -> found.put(u.id(), u));
        return found;
    }

    /** The stored users holding any of {@code emails} (compared in lower case), in one query. */
    List<User> findAllByEmail(Collection<String> emails) {
        return jdbc.sql("select * from users_user where lower(email) = any(?)")
                .param(emails.stream().map(e -> e.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new))
                .query(UserRepository::map).list();
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
