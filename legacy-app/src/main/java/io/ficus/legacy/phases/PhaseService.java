package io.ficus.legacy.phases;

import io.ficus.legacy.memberships.ProjectAccess;
import io.ficus.legacy.security.Caller;
import io.ficus.support.web.Checks;
import io.ficus.legacy.support.Timestamps;
import io.ficus.legacy.tickets.TicketRepository;
import io.ficus.support.web.ApiException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Phases: an ordered list per project, positions 0..n-1 without gaps after every change. Every
 * change locks the project row first, so concurrent changes to one board queue up.
 */
@Service
public class PhaseService {

    private final PhaseRepository phases;
    private final TicketRepository tickets;
    private final ProjectAccess access;

    PhaseService(PhaseRepository phases, TicketRepository tickets, ProjectAccess access) {
        this.phases = phases;
        this.tickets = tickets;
        this.access = access;
    }

    @Transactional(readOnly = true)
    public List<PhaseView> list(Caller caller, String projectId) {
        access.member(caller, projectId);
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : tickets.countLiveByPhase(projectId)) {
            counts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return phases.findByProjectIdOrderByPositionAscIdAsc(projectId).stream()
                .map(p -> view(p, counts.getOrDefault(p.getId(), 0L)))
                .toList();
    }

    @Transactional
    public PhaseView create(Caller caller, String projectId, String name, UUID previousPhaseId) {
        access.adminForUpdate(caller, projectId);
        Checks.text("name", name, 100);
        List<Phase> board = new ArrayList<>(phases.findByProjectIdOrderByPositionAscIdAsc(projectId));
        int index = indexAfter(board, previousPhaseId, null);
        LocalDateTime now = Timestamps.now();
        Phase phase = new Phase(UUID.randomUUID().toString(), projectId, name, index, now);
        board.add(index, phase);
        renumber(board, now);
        phases.save(phase);
        phases.flush();
        return view(phase, 0);
    }

    @Transactional
    public PhaseView update(Caller caller, String id, PhasePatch patch) {
        Phase phase = phases.findById(id).orElseThrow(() -> ApiException.notFound("no phase " + id));
        access.adminForUpdate(caller, phase.getProjectId());
        LocalDateTime now = Timestamps.now();
        if (patch.has("name")) {
            phase.rename(Checks.text("name", patch.getName(), 100), now);
        }
        if (patch.has("previousPhaseId")) {
            List<Phase> board = new ArrayList<>(phases.findByProjectIdOrderByPositionAscIdAsc(phase.getProjectId()));
            board.removeIf(p -> p.getId().equals(id));
            int index = indexAfter(board, patch.getPreviousPhaseId(), id);
            board.add(index, phase);
            renumber(board, now);
        }
        phases.flush();
        return view(phase, tickets.countLiveInPhase(id));
    }

    @Transactional
    public void delete(Caller caller, String id) {
        Phase phase = phases.findById(id).orElseThrow(() -> ApiException.notFound("no phase " + id));
        access.adminForUpdate(caller, phase.getProjectId());
        long held = tickets.countLiveInPhase(id);
        if (held > 0) {
            throw ApiException.conflict("phase " + id + " holds " + held + " ticket(s)");
        }
        List<Phase> board = new ArrayList<>(phases.findByProjectIdOrderByPositionAscIdAsc(phase.getProjectId()));
        if (board.size() == 1) {
            throw ApiException.conflict("phase " + id + " is the project's last phase");
        }
        board.removeIf(p -> p.getId().equals(id));
        phases.delete(phase);
        renumber(board, Timestamps.now());
        phases.flush();
    }

    private static int indexAfter(List<Phase> board, UUID previousPhaseId, String movingId) {
        if (previousPhaseId == null) {
            return 0;
        }
        String previous = previousPhaseId.toString();
        if (previous.equals(movingId)) {
            throw ApiException.badRequest("'previousPhaseId' must not be the phase itself");
        }
        for (int i = 0; i < board.size(); i++) {
            if (board.get(i).getId().equals(previous)) {
                return i + 1;
            }
        }
        throw ApiException.badRequest("'previousPhaseId' " + previous + " is not a phase of this project");
    }

    private static void renumber(List<Phase> board, LocalDateTime now) {
        for (int i = 0; i < board.size(); i++) {
            board.get(i).moveTo(i, now);
        }
    }

    private static PhaseView view(Phase phase, long ticketCount) {
        return new PhaseView(phase.getId(), phase.getProjectId(), phase.getName(), phase.getPosition(), ticketCount);
    }
}
