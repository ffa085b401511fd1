package io.ficus.gateway.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Samples the sync's state from the other applications every {@code sample-interval}, on a thread of its own (never
 * on the proxy's event loops), into a bounded ring: the lag of each hop, the CDC snapshot progress, the WAL the slot
 * retains and the drift of the last reconciliation per entity type. It also starts reconciliations on legacy-adapter
 * for the console and follows their progress. A source that does not answer is reported as such; nothing is retried
 * between samples.
 */
@Component
class SyncCollector implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncCollector.class);
    private static final int MAX_RUNS = 20;

    /**
     * One sample.
     *
     * @param at                when it was taken
     * @param cdcLagMillis      cdc-bridge: legacy commit → acknowledged by Kafka, last batch ({@code ficus_cdc_lag_last_milliseconds})
     * @param adapterLagRecords legacy-adapter: records its consumers are behind, largest partition
     *                          ({@code kafka_consumer_fetch_manager_records_lag_max}), null when not published
     * @param coreLagMillis     new-core: legacy commit → core commit, largest of the recent ones ({@code ficus_core_legacy_lag_seconds_max})
     * @param slotRetainedBytes WAL the replication slot retains
     * @param snapshotRows      rows the CDC snapshot has published
     * @param snapshotTotal     rows the CDC snapshot will publish
     */
    record Sample(Instant at, Double cdcLagMillis, Double adapterLagRecords, Double coreLagMillis,
                  Double slotRetainedBytes, Double snapshotRows, Double snapshotTotal) {
    }

    /**
     * A reconciliation started from the console.
     *
     * @param id        legacy-adapter's job id
     * @param startedAt when
     * @param startedBy the console user who started it
     * @param state     the job's state as legacy-adapter reports it
     * @param progress  its progress text
     * @param drift     drift per entity type once it finished
     * @param error     why it failed, if it did
     */
    record Run(String id, Instant startedAt, String startedBy, String state, String progress, Map<String, Long> drift,
               String error) {

        boolean finished() {
            return state != null && !state.equalsIgnoreCase("RUNNING") && !state.equalsIgnoreCase("PENDING")
                    && !state.equalsIgnoreCase("STARTED");
        }
    }

    /**
     * What {@code GET /ficus/api/sync} answers.
     *
     * @param now      the newest sample, null before the first
     * @param history  the samples in the ring, oldest first
     * @param drift    drift per entity type from the last reconciliation legacy-adapter ran (-1: none ran yet)
     * @param runs     reconciliations started from the console, newest first
     * @param sources  per source, {@code ok}, {@code not configured}, or why it could not be read
     */
    record View(Sample now, List<Sample> history, Map<String, Double> drift, List<Run> runs, Map<String, String> sources) {
    }

    private final ConsoleProperties properties;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Deque<Sample> ring = new ArrayDeque<>();
    private final Deque<Run> runs = new ArrayDeque<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private Map<String, Double> drift = Map.of();
    private ScheduledExecutorService scheduler;

    SyncCollector(ConsoleProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    @Override
    public void afterPropertiesSet() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ficus-console-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.sampleInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::sampleQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }

    synchronized View view() {
        return new View(ring.peekLast(), List.copyOf(ring), drift, List.copyOf(runs), Map.copyOf(sources));
    }

    /** Starts a full reconciliation (without repair) on legacy-adapter as the configured operator. */
    Run startReconciliation(String user) throws IOException, InterruptedException {
        if (properties.adapterUrl() == null || properties.adapterUsername() == null) {
            throw new IllegalStateException("legacy-adapter is not configured: set ficus.gateway.console.adapter-url,"
                    + " .adapter-username and .adapter-password");
        }
        HttpResponse<String> response = http.send(adapter(properties.adapterUrl().resolve("/ficus/reconciliation?mode=full"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IllegalStateException("legacy-adapter answered " + response.statusCode() + " to the reconciliation");
        }
        Run run = run(json.readTree(response.body()), Instant.now(), user);
        synchronized (this) {
            runs.addFirst(run);
            while (runs.size() > MAX_RUNS) {
                runs.removeLast();
            }
        }
        log.info("Reconciliation {} started from the console by {}", run.id(), user);
        return run;
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            log.debug("Sync sample failed", e);
        }
    }

    void sample() {
        Map<String, String> status = new LinkedHashMap<>();
        PrometheusText cdc = scrape("cdc-bridge", properties.cdcBridgeUrl(), status);
        PrometheusText adapter = scrape("legacy-adapter", properties.adapterUrl(), status);
        PrometheusText core = scrape("new-core", properties.coreUrl(), status);
        Double coreLagSeconds = core == null ? null : core.max("ficus_core_legacy_lag_seconds_max");
        Sample sample = new Sample(Instant.now(),
                cdc == null ? null : cdc.max("ficus_cdc_lag_last_milliseconds"),
                adapter == null ? null : adapter.max("kafka_consumer_fetch_manager_records_lag_max"),
                coreLagSeconds == null ? null : coreLagSeconds * 1000,
                cdc == null ? null : cdc.max("ficus_cdc_slot_retained_bytes"),
                cdc == null ? null : cdc.sum("ficus_cdc_snapshot_rows"),
                cdc == null ? null : snapshotTotal(cdc));
        Map<String, Double> newDrift = adapter == null ? null : adapter.by("ficus_adapter_reconciliation_drift", "type");
        List<Run> followed = follow();
        synchronized (this) {
            ring.addLast(sample);
            while (ring.size() > properties.capacity()) {
                ring.removeFirst();
            }
            if (newDrift != null) {
                drift = Map.copyOf(newDrift);
            }
            sources.clear();
            sources.putAll(status);
            if (!followed.isEmpty()) {
                Map<String, Run> byId = new LinkedHashMap<>();
                followed.forEach(run -> byId.put(run.id(), run));
                List<Run> updated = new ArrayList<>();
                runs.forEach(run -> updated.add(byId.getOrDefault(run.id(), run)));
                runs.clear();
                runs.addAll(updated);
            }
        }
    }

    /**
     * The gauge {@code ficus.cdc.snapshot.total}: the Prometheus client drops the {@code _total} suffix it reserves
     * for counters, so it is published as {@code ficus_cdc_snapshot}.
     */
    private static Double snapshotTotal(PrometheusText cdc) {
        Double total = cdc.sum("ficus_cdc_snapshot");
        return total != null ? total : cdc.sum("ficus_cdc_snapshot_total");
    }

    private List<Run> follow() {
        List<Run> unfinished;
        synchronized (this) {
            unfinished = runs.stream().filter(run -> !run.finished()).toList();
        }
        List<Run> followed = new ArrayList<>();
        for (Run run : unfinished) {
            try {
                HttpResponse<String> response = http.send(adapter(properties.adapterUrl().resolve("/ficus/reconciliation/" + run.id()))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    followed.add(run(json.readTree(response.body()), run.startedAt(), run.startedBy()));
                }
            } catch (IOException e) {
                log.debug("Reconciliation {} could not be followed: {}", run.id(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return followed;
            }
        }
        return followed;
    }

    private static Run run(JsonNode job, Instant startedAt, String startedBy) {
        Map<String, Long> drift = new LinkedHashMap<>();
        JsonNode types = job.path("report").path("types");
        types.properties().forEach(type -> drift.put(type.getKey(), type.getValue().path("drift").asLong()));
        return new Run(text(job, "id"), startedAt, startedBy, text(job, "state"), text(job, "progress"), drift,
                text(job, "error"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private PrometheusText scrape(String name, URI base, Map<String, String> status) {
        if (base == null) {
            status.put(name, "not configured");
            return null;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                    .timeout(properties.timeout()).header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                status.put(name, "answered " + response.statusCode());
                return null;
            }
            status.put(name, "ok");
            return PrometheusText.parse(response.body());
        } catch (IOException e) {
            status.put(name, "unreachable (" + e.getClass().getSimpleName() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status.put(name, "interrupted");
            return null;
        }
    }

    private HttpRequest.Builder adapter(URI uri) {
        String credentials = properties.adapterUsername() + ":" + (properties.adapterPassword() == null ? "" : properties.adapterPassword());
        return HttpRequest.newBuilder(uri).timeout(properties.timeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
