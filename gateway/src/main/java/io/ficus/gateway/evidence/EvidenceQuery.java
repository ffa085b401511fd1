package io.ficus.gateway.evidence;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.Verdict;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the evidence history: per route (or group) and window, the counts by verdict, the error rates and latencies
 * of both systems, and the most frequent differing paths. Figures are taken over whole minutes: a window of 15m covers
 * the minute rows from the one holding {@code now - 15m} on.
 */
@Component
public class EvidenceQuery {

    /** Longest window asked for. */
    public static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([smhd])");
    private static final int TOP_DIFFERENCES = 5;

    private final JdbcTemplate jdbc;
    private final RouteCatalog catalog;
    private final EvidenceRecorder recorder;
    private final GatewayProperties gateway;

    public EvidenceQuery(JdbcTemplate jdbc, RouteCatalog catalog, EvidenceRecorder recorder, GatewayProperties gateway) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.recorder = recorder;
        this.gateway = gateway;
    }

    /**
     * How often one path differed.
     *
     * @param path  the JSON path, {@code status}, {@code header:<name>} or {@code body}
     * @param count in how many comparisons
     */
    public record PathCount(String path, long count) {
    }

    /**
     * The evidence of one route (or of a group, with {@code route} null) over a window.
     *
     * @param route           the route id
     * @param group           its group
     * @param counts          comparisons by verdict (MATCH, MISMATCH, LAGGED, ERROR, SKIPPED)
     * @param total           all comparisons
     * @param mismatchRate    MISMATCH among the decisive comparisons (MATCH, MISMATCH, ERROR), 0..1
     * @param legacyErrorRate the legacy's answers (to clients and shadow calls) that were server errors or failures
     * @param coreErrorRate   the core's answers (to clients and shadow calls, dry runs included) that were server errors
     *                        or failures
     * @param legacyP50Millis the legacy's median latency in comparisons (upper bound of its histogram bucket)
     * @param legacyP99Millis its 99th percentile
     * @param coreP50Millis   the core's median latency in comparisons
     * @param coreP99Millis   its 99th percentile
     * @param topDifferences  the most frequent differing paths, most frequent first
     */
    public record RouteEvidence(String route, String group, Map<String, Long> counts, long total, double mismatchRate,
                                double legacyErrorRate, double coreErrorRate, double legacyP50Millis,
                                double legacyP99Millis, double coreP50Millis, double coreP99Millis,
                                List<PathCount> topDifferences) {

        /** MATCH + MISMATCH + ERROR: the comparisons that say something about the core. */
        public long decisive() {
            return counts.get("MATCH") + counts.get("MISMATCH") + counts.get("ERROR");
        }
    }

    /**
     * The evidence of a group.
     *
     * @param evidence     its routes added up
     * @param coreRequests requests and shadow calls the core answered or failed
     */
    public record GroupEvidence(RouteEvidence evidence, long coreRequests) {
    }

    /**
     * The evidence of a window.
     *
     * @param window the window
     * @param from   its start
     * @param to     its end
     * @param routes per route
     */
    public record Evidence(Duration window, Instant from, Instant to, List<RouteEvidence> routes) {
    }

    /**
     * One minute of one route.
     *
     * @param minute       the minute's start
     * @param route        the route
     * @param counts       comparisons by verdict
     * @param legacyErrors the legacy's failed answers
     * @param coreErrors   the core's failed answers
     */
    public record Minute(Instant minute, String route, Map<String, Long> counts, long legacyErrors, long coreErrors) {
    }

    /** Parses a window such as {@code 15m}, {@code 1h}, {@code 24h} or {@code PT15M}, at most 7 days. */
    public static Duration window(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofMinutes(15);
        }
        Duration window;
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            window = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                window = Duration.parse(text.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("window must be a duration such as 15m, 1h, 24h or PT15M");
            }
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most 7d");
        }
        return window;
    }

    /** The evidence of every route (or of one route, or of the routes of one group) over {@code window}. */
    public Evidence evidence(Duration window, String route, String group) {
        List<CatalogRoute> routes = routes(route, group);
        Instant to = Instant.now();
        Instant from = to.minus(window);
        Map<String, RouteEvidence> byRoute = figures(routes.stream().map(CatalogRoute::id).toList(), from);
        return new Evidence(window, from, to, routes.stream().map(r -> byRoute.get(r.id())).toList());
    }

    /** The evidence of a whole group since {@code from}, its routes added up. */
    public GroupEvidence group(String group, Instant from) {
        List<String> ids = routes(null, group).stream().map(CatalogRoute::id).toList();
        recorder.flush();
        Totals totals = new Totals(null, group);
        jdbc.query(MINUTE_SUMS + " where route_id = any (?) and minute >= ? group by route_id", rs -> {
            totals.add(rs);
        }, ids.toArray(String[]::new), Timestamp.from(floor(from)));
        jdbc.query("select side, bucket, sum(count) from evidence_latency where route_id = any (?) and minute >= ?"
                + " group by side, bucket", rs -> {
            totals.latency(rs.getString(1), rs.getInt(2), rs.getLong(3));
        }, ids.toArray(String[]::new), Timestamp.from(floor(from)));
        jdbc.query("select path, sum(count) c from evidence_difference where route_id = any (?) and minute >= ?"
                + " group by path order by c desc limit " + TOP_DIFFERENCES, rs -> {
            totals.paths.add(new PathCount(rs.getString(1), rs.getLong(2)));
        }, ids.toArray(String[]::new), Timestamp.from(floor(from)));
        return new GroupEvidence(totals.evidence(), totals.coreRequests);
    }

    /** Minute by minute, oldest first. */
    public List<Minute> minutes(Duration window, String route) {
        List<String> ids = routes(route, null).stream().map(CatalogRoute::id).toList();
        recorder.flush();
        return jdbc.query("select minute, route_id, matches, mismatches, lagged, errors, skipped, legacy_errors, core_errors"
                        + " from evidence_minute where route_id = any (?) and minute >= ? order by minute, route_id",
                (rs, n) -> new Minute(rs.getTimestamp(1).toInstant(), rs.getString(2),
                        counts(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                        rs.getLong(8), rs.getLong(9)),
                ids.toArray(String[]::new), Timestamp.from(floor(Instant.now().minus(window))));
    }

    private List<CatalogRoute> routes(String route, String group) {
        List<CatalogRoute> routes = catalog.routes();
        if (route != null) {
            routes = routes.stream().filter(r -> r.id().equals(route)).toList();
            if (routes.isEmpty()) {
                throw new java.util.NoSuchElementException("no route " + route);
            }
        }
        if (group != null) {
            routes = routes.stream().filter(r -> r.group().equals(group)).toList();
            if (routes.isEmpty()) {
                throw new java.util.NoSuchElementException("no group " + group);
            }
        }
        return routes;
    }

    private static final String MINUTE_SUMS = "select route_id, sum(matches), sum(mismatches), sum(lagged), sum(errors),"
            + " sum(skipped), sum(legacy_requests), sum(legacy_errors), sum(core_requests), sum(core_errors)"
            + " from evidence_minute";

    private Map<String, RouteEvidence> figures(List<String> ids, Instant from) {
        recorder.flush();
        Map<String, Totals> totals = new LinkedHashMap<>();
        for (String id : ids) {
            totals.put(id, new Totals(id, catalog.route(id).map(CatalogRoute::group).orElse(null)));
        }
        String[] array = ids.toArray(String[]::new);
        Timestamp since = Timestamp.from(floor(from));
        jdbc.query(MINUTE_SUMS + " where route_id = any (?) and minute >= ? group by route_id", rs -> {
            totals.get(rs.getString(1)).add(rs);
        }, array, since);
        jdbc.query("select route_id, side, bucket, sum(count) from evidence_latency where route_id = any (?) and minute >= ?"
                + " group by route_id, side, bucket", rs -> {
            totals.get(rs.getString(1)).latency(rs.getString(2), rs.getInt(3), rs.getLong(4));
        }, array, since);
        jdbc.query("select route_id, path, c from (select route_id, path, sum(count) c, row_number() over"
                + " (partition by route_id order by sum(count) desc, path) n from evidence_difference"
                + " where route_id = any (?) and minute >= ? group by route_id, path) t where n <= " + TOP_DIFFERENCES
                + " order by route_id, c desc, path", rs -> {
            totals.get(rs.getString(1)).paths.add(new PathCount(rs.getString(2), rs.getLong(3)));
        }, array, since);
        Map<String, RouteEvidence> result = new HashMap<>();
        totals.forEach((id, t) -> result.put(id, t.evidence()));
        return result;
    }

    private static Instant floor(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MINUTES);
    }

    private static Map<String, Long> counts(long matches, long mismatches, long lagged, long errors, long skipped) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put(Verdict.MATCH.name(), matches);
        counts.put(Verdict.MISMATCH.name(), mismatches);
        counts.put(Verdict.LAGGED.name(), lagged);
        counts.put(Verdict.ERROR.name(), errors);
        counts.put(Verdict.SKIPPED.name(), skipped);
        return counts;
    }

    /** Sums of one route or group. */
    private static final class Totals {
        final String route;
        final String group;
        long matches, mismatches, lagged, errors, skipped, legacyRequests, legacyErrors, coreRequests, coreErrors;
        final long[] legacy = new long[EvidenceRecorder.BUCKETS.length];
        final long[] core = new long[EvidenceRecorder.BUCKETS.length];
        final List<PathCount> paths = new ArrayList<>();

        Totals(String route, String group) {
            this.route = route;
            this.group = group;
        }

        void add(java.sql.ResultSet rs) throws java.sql.SQLException {
            matches += rs.getLong(2);
            mismatches += rs.getLong(3);
            lagged += rs.getLong(4);
            errors += rs.getLong(5);
            skipped += rs.getLong(6);
            legacyRequests += rs.getLong(7);
            legacyErrors += rs.getLong(8);
            coreRequests += rs.getLong(9);
            coreErrors += rs.getLong(10);
        }

        void latency(String side, int bound, long count) {
            int i = EvidenceRecorder.bucket(bound);
            ("core".equals(side) ? core : legacy)[i] += count;
        }

        RouteEvidence evidence() {
            long decisive = matches + mismatches + errors;
            return new RouteEvidence(route, group, counts(matches, mismatches, lagged, errors, skipped),
                    matches + mismatches + lagged + errors + skipped, rate(mismatches, decisive),
                    rate(legacyErrors, legacyRequests), rate(coreErrors, coreRequests), percentile(legacy, 0.5),
                    percentile(legacy, 0.99), percentile(core, 0.5), percentile(core, 0.99), List.copyOf(paths));
        }
    }

    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }

    /** The upper bound of the bucket holding the quantile (the last bounded bucket's bound for the open one); 0 when empty. */
    static double percentile(long[] histogram, double quantile) {
        long total = 0;
        for (long n : histogram) {
            total += n;
        }
        if (total == 0) {
            return 0.0;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                int bound = EvidenceRecorder.BUCKETS[i];
                return bound == Integer.MAX_VALUE ? EvidenceRecorder.BUCKETS[i - 1] : bound;
            }
        }
        return EvidenceRecorder.BUCKETS[EvidenceRecorder.BUCKETS.length - 2];
    }

    /** Deletes evidence rows older than the comparisons' retention. */
    @Scheduled(fixedDelay = 600_000, initialDelay = 60_000)
    public void enforceRetention() {
        Timestamp before = Timestamp.from(Instant.now().minus(gateway.shadow().retention()).minus(Duration.ofDays(1)));
        jdbc.update("delete from evidence_minute where minute < ?", before);
        jdbc.update("delete from evidence_latency where minute < ?", before);
        jdbc.update("delete from evidence_difference where minute < ?", before);
    }
}
