package io.ficus.legacy.projects;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** Projects. */
public interface ProjectRepository extends JpaRepository<Project, String> {

    /** The project, its row locked until the transaction ends: serialises changes to one project's phases and members. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Project p where p.id = ?1")
    Optional<Project> findForUpdate(String id);

    @Query(value = """
            select p.* from PRJ_PROJECT p join MBR_MEMBERSHIP m on m.PRJ_ID = p.PRJ_ID
            where m.USR_ID = ?1 and m.MBR_STATE_CD = 1
            order by p.PRJ_CRT_TS, p.PRJ_ID""", nativeQuery = true)
    List<Project> findAcceptedFor(String userId);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("delete from Project p where p.id = ?1")
    int deleteProject(String projectId);
}
