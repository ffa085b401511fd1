package io.ficus.adapter.reconcile;

import io.ficus.adapter.reconcile.ReconciliationReport.Mode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Runs reconciliations in the background, one at a time, and keeps the last results. */
@Component
public class ReconciliationJobs implements DisposableBean {

    private static final int KEEP = 20;

    /**
     * A reconciliation asked for over HTTP.
     *
     * @param id       job id
     * @param state    RUNNING, DONE or FAILED
     * @param progress what it is doing (while running)
     * @param error    why it failed
     * @param report   the result, when done
     */
    public record Job(UUID id, String state, String progress, String error, ReconciliationReport report) {
    }

    private final Reconciler reconciler;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "ficus-reconciliation"));
    private final Map<UUID, Job> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Job> eldest) {
            return size() > KEEP;
        }
    };

    ReconciliationJobs(Reconciler reconciler, ReconciliationProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    private final ReconciliationProperties properties;
    private java.util.concurrent.ScheduledExecutorService schedule;

    /** Starts the periodic full reconciliation when {@code ficus.adapter.reconciliation.every} is set. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void startSchedule() {
        if (properties.every() == null || !reconciler.available()) {
            return;
        }
        schedule = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ficus-reconciliation-schedule"));
        long period = properties.every().toMillis();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                start(Mode.FULL, null, false);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ReconciliationJobs.class).warn("Scheduled reconciliation not started: {}", e.getMessage());
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public synchronized Job start(Mode mode, Instant since, boolean repair) {
        if (!reconciler.available()) {
            throw new IllegalStateException("Reconciliation needs the core database: set ficus.adapter.reconciliation.core-db.url");
        }
        if (mode == Mode.INCREMENTAL && since == null) {
            throw new IllegalArgumentException("An incremental reconciliation needs 'since' (an ISO-8601 instant)");
        }
        UUID id = UUID.randomUUID();
        jobs.put(id, new Job(id, "RUNNING", "queued", null, null));
        executor.execute(() -> {
            try {
                var report = reconciler.run(mode, since, repair);
                finish(new Job(id, "DONE", null, null, report));
            } catch (RuntimeException e) {
                finish(new Job(id, "FAILED", null, e.getMessage(), null));
            }
        });
        return jobs.get(id);
    }

    private synchronized void finish(Job job) {
        jobs.put(job.id(), job);
    }

    public synchronized Job get(UUID id) {
        Job job = jobs.get(id);
        if (job != null && "RUNNING".equals(job.state())) {
            return new Job(id, job.state(), reconciler.progress(), null, null);
        }
        return job;
    }

    @Override
    public void destroy() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        executor.shutdownNow();
    }
}
