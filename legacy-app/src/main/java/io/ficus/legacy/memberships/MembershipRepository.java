package io.ficus.legacy.memberships;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Memberships; lists come ordered by creation time then id. */
public interface MembershipRepository extends JpaRepository<Membership, String> {

    Optional<Membership> findByProjectIdAndUserId(String projectId, String userId);

    List<Membership> findByProjectIdOrderByCreatedAtAscIdAsc(String projectId);

    List<Membership> findByUserIdOrderByCreatedAtAscIdAsc(String userId);

    @Query("select count(m) from Membership m where m.projectId = ?1 and m.roleCode = 1 and m.stateCode = 1")
    long countAcceptedAdmins(String projectId);

    @Query("select count(m) from Membership m where m.projectId = ?1 and m.stateCode = 1 and m.userId in ?2")
    long countAcceptedAmong(String projectId, java.util.Collection<String> userIds);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Membership m where m.projectId = ?1")
    int deleteByProject(String projectId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Membership m where m.userId = ?1")
    int deleteByUser(String userId);
}
