package io.ficus.legacy.users;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Users; "live" ones are those not flagged deleted. */
public interface UserRepository extends JpaRepository<User, String> {

    @Query("select u from User u where lower(u.email) = lower(?1) and u.deleted = false")
    Optional<User> findLiveByEmail(String email);

    @Query("select u from User u where u.id = ?1 and u.deleted = false")
    Optional<User> findLive(String id);
}
