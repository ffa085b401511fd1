package io.ficus.gateway.compare;

import io.ficus.gateway.GatewayProperties;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Ignore rules per route beyond the configured ones, in the gateway database ({@code route_ignore}): added and removed at
 * runtime through the admin API ({@code source} RULE), or learned ({@code source} LEARNED: JSON paths where two answers
 * of the legacy to the same idempotent request differed, so they are noise, not a difference of the core). Every
 * replica reloads them every toggle refresh interval; comparisons read the in-memory copy.
 */
@Component
public class IgnoreRules implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IgnoreRules.class);
    /** Array indexes in a learned path become wildcards: {@code $.items[2].at} → {@code $.items[*].at}. */
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    /** Most paths learned per route: noise is a few fields, not a whole answer. */
    static final int MAX_LEARNED = 20;

    private final JdbcTemplate jdbc;
    private final long refreshMillis;
    private volatile Map<String, List<String>> rules = Map.of();
    private ScheduledExecutorService poller;

    public IgnoreRules(JdbcTemplate jdbc, GatewayProperties properties) {
        this.jdbc = jdbc;
        this.refreshMillis = Math.max(100, properties.toggleRefreshInterval().toMillis());
    }

    /** The runtime and learned ignore patterns of a route. */
    public List<String> of(String routeId) {
        return rules.getOrDefault(routeId, List.of());
    }

    /**
     * A stored rule.
     *
     * @param path      the ignore pattern
     * @param source    RULE (added by an operator) or LEARNED
     * @param createdBy who added it ({@code learned} for learned ones)
     * @param createdAt when
     */
    public record Rule(String path, String source, String createdBy, java.time.Instant createdAt) {
    }

    /** The stored rules of a route. */
    public List<Rule> rules(String routeId) {
        return jdbc.query("select path, source, created_by, created_at from route_ignore where route_id = ? order by path",
                (rs, n) -> new Rule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                routeId);
    }

    /** Adds a rule (validated as an ignore pattern); whether it was new. */
    public boolean add(String routeId, String path, String actor) {
        validate(path);
        boolean added = jdbc.update("insert into route_ignore (route_id, path, source, created_by) values (?, ?, 'RULE', ?)"
                + " on conflict (route_id, path) do update set source = 'RULE', created_by = excluded.created_by"
                + " where route_ignore.source <> 'RULE'", routeId, path, actor) == 1;
        refresh();
        return added;
    }

    /** Removes a rule (runtime or learned); whether there was one. */
    public boolean remove(String routeId, String path) {
        boolean removed = jdbc.update("delete from route_ignore where route_id = ? and path = ?", routeId, path) == 1;
        refresh();
        return removed;
    }

    /** Learns JSON paths where two answers of the legacy differed. */
    void learn(String routeId, List<Difference> differences) {
        List<String> paths = new ArrayList<>();
        for (Difference d : differences) {
            if (d.path().startsWith("$")) {
                paths.add(INDEX.matcher(d.path()).replaceAll("[*]"));
            }
        }
        if (paths.isEmpty()) {
            return;
        }
        Integer known = jdbc.queryForObject("select count(*) from route_ignore where route_id = ? and source = 'LEARNED'",
                Integer.class, routeId);
        for (String path : paths.stream().distinct().limit(Math.max(0, MAX_LEARNED - (known == null ? 0 : known))).toList()) {
            if (jdbc.update("insert into route_ignore (route_id, path, source, created_by) values (?, ?, 'LEARNED', 'learned')"
                    + " on conflict (route_id, path) do nothing", routeId, path) == 1) {
                log.info("route {}: learned {} as noise (two answers of the legacy to one request differed there)",
                        routeId, path);
            }
        }
        refresh();
    }

    static void validate(String path) {
        if (path == null || !path.startsWith("$") || path.length() > 500 || path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("path must be a JSON path pattern such as $.createdAt or $[*].id,"
                    + " at most 500 characters");
        }
        new JsonDiff(List.of(path), false);
    }

    /** Reloads the rules from the database now. */
    public void refresh() {
        Map<String, List<String>> loaded = new HashMap<>();
        jdbc.query("select route_id, path from route_ignore order by route_id, path", rs -> {
            loaded.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        loaded.replaceAll((k, v) -> List.copyOf(v));
        rules = Map.copyOf(loaded);
    }

    @Override
    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ficus-ignore-rules");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                log.warn("could not reload ignore rules, keeping the last ones: {}", e.toString());
            }
        }, 0, refreshMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
