package io.ficus.legacy.tickets;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Tickets; "live" ones are those not flagged deleted, lists come ordered by creation time then id.
 * Assignee matching wraps the column in {@code ';'} so that one id never matches part of another.
 */
public interface TicketRepository extends JpaRepository<Ticket, String> {

    @Query("select t from Ticket t where t.id = ?1 and t.deleted = false")
    Optional<Ticket> findLive(String id);

    @Query(value = """
            select * from TKT_TICKET t
            where t.PRJ_ID = :projectId and t.TKT_DEL_FLG = 'N'
              and (cast(:phaseId as varchar) is null or t.PHS_ID = cast(:phaseId as varchar))
              and (cast(:assigneeId as varchar) is null
                   or (';' || t.TKT_ASSIGNEES || ';') like ('%;' || cast(:assigneeId as varchar) || ';%'))
            order by t.TKT_CRT_TS, t.TKT_ID""", nativeQuery = true)
    List<Ticket> findLiveInProject(String projectId, String phaseId, String assigneeId);

    @Query(value = """
            select * from TKT_TICKET t
            where t.TKT_DEL_FLG = 'N' and (';' || t.TKT_ASSIGNEES || ';') like ('%;' || :userId || ';%')
            order by t.TKT_CRT_TS, t.TKT_ID""", nativeQuery = true)
    List<Ticket> findLiveAssignedTo(String userId);

    @Query(value = "select t.PHS_ID, count(*) from TKT_TICKET t where t.PRJ_ID = ?1 and t.TKT_DEL_FLG = 'N' group by t.PHS_ID",
            nativeQuery = true)
    List<Object[]> countLiveByPhase(String projectId);

    @Query("select count(t) from Ticket t where t.phaseId = ?1 and t.deleted = false")
    long countLiveInPhase(String phaseId);

    /** Removes the user from the assignees of every live ticket, in one project or (projectId null) everywhere. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = """
            update TKT_TICKET set
              TKT_ASSIGNEES = nullif(trim(both ';' from replace(';' || TKT_ASSIGNEES || ';', ';' || :userId || ';', ';')), ''),
              TKT_UPD_TS = :now
            where TKT_DEL_FLG = 'N'
              and (cast(:projectId as varchar) is null or PRJ_ID = cast(:projectId as varchar))
              and (';' || TKT_ASSIGNEES || ';') like ('%;' || :userId || ';%')""", nativeQuery = true)
    int unassign(String userId, String projectId, LocalDateTime now);

    /** Flags every live ticket of the project deleted. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = "update TKT_TICKET set TKT_DEL_FLG = 'Y', TKT_UPD_TS = :now where PRJ_ID = :projectId and TKT_DEL_FLG = 'N'",
            nativeQuery = true)
    int deleteByProject(String projectId, LocalDateTime now);
}
