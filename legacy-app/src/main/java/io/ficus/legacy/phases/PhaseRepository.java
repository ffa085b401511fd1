package io.ficus.legacy.phases;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Phases; lists come ordered by position. */
public interface PhaseRepository extends JpaRepository<Phase, String> {

    List<Phase> findByProjectIdOrderByPositionAscIdAsc(String projectId);

    Optional<Phase> findFirstByProjectIdOrderByPositionAscIdAsc(String projectId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Phase p where p.projectId = ?1")
    int deleteByProject(String projectId);
}
