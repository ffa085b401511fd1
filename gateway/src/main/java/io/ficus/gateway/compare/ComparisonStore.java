package io.ficus.gateway.compare;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.Backend;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.ficus.gateway.evidence.EvidenceProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stored comparisons in the gateway's schema, bounded by age and by a count per route and verdict. */
@Component
public class ComparisonStore {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String SUMMARY_COLUMNS =
            "id, route_id, request_id, method, path, recorded_at, verdict, primary_backend, legacy_status, core_status,"
                    + " legacy_millis, core_millis, differences";

    private final JdbcTemplate jdbc;
    private final GatewayProperties.Shadow settings;
    private final int matchesPerRoute;
    private final int mismatchesPerRoute;

    public ComparisonStore(JdbcTemplate jdbc, GatewayProperties properties) {
        this(jdbc, properties, 50, 500);
    }

    @Autowired
    public ComparisonStore(JdbcTemplate jdbc, GatewayProperties properties, EvidenceProperties evidence) {
        this(jdbc, properties, evidence.matchesPerRoute(), evidence.mismatchesPerRoute());
    }

    private ComparisonStore(JdbcTemplate jdbc, GatewayProperties properties, int matchesPerRoute, int mismatchesPerRoute) {
        this.jdbc = jdbc;
        this.settings = properties.shadow();
        this.matchesPerRoute = matchesPerRoute;
        this.mismatchesPerRoute = mismatchesPerRoute;
    }

    /** Stores a comparison (already redacted) and returns its id. */
    public long save(Comparison c) {
        return jdbc.queryForObject("insert into comparison (route_id, request_id, method, path, verdict, primary_backend,"
                        + " legacy_status, core_status, legacy_millis, core_millis, differences, detail, request_headers,"
                        + " request_body, legacy_body, core_body) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " returning id",
                Long.class, c.routeId(), c.requestId(), c.method(), c.path(), c.verdict().name(), c.primary().name(),
                c.legacyStatus(),
                c.coreStatus(), c.legacyMillis(), c.coreMillis(), json.writeValueAsString(c.differences()), c.detail(),
                json.writeValueAsString(c.requestHeaders()), c.requestBody(), c.legacyBody(), c.coreBody());
    }

    /** The newest comparisons first, optionally of one route and one verdict, with ids below {@code beforeId}. */
    public List<ComparisonSummary> list(String routeId, Verdict verdict, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select " + SUMMARY_COLUMNS + " from comparison where true");
        List<Object> args = new ArrayList<>();
        if (routeId != null) {
            sql.append(" and route_id = ?");
            args.add(routeId);
        }
        if (verdict != null) {
            sql.append(" and verdict = ?");
            args.add(verdict.name());
        }
        if (beforeId != null) {
            sql.append(" and id < ?");
            args.add(beforeId);
        }
        sql.append(" order by id desc limit ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new ComparisonSummary(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), instant(rs, 6), Verdict.valueOf(rs.getString(7)),
                Backend.valueOf(rs.getString(8)), integer(rs, 9), integer(rs, 10), longValue(rs, 11), longValue(rs, 12),
                differences(rs.getString(13)).size()), args.toArray());
    }

    /** One comparison in full. */
    public Optional<Comparison> find(long id) {
        return jdbc.query("select " + SUMMARY_COLUMNS + ", detail, request_headers, request_body, legacy_body, core_body"
                        + " from comparison where id = ?",
                (rs, n) -> new Comparison(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), instant(rs, 6), Verdict.valueOf(rs.getString(7)), Backend.valueOf(rs.getString(8)),
                        integer(rs, 9), integer(rs, 10), longValue(rs, 11), longValue(rs, 12), differences(rs.getString(13)),
                        rs.getString(14), json.readValue(rs.getString(15), new TypeReference<Map<String, String>>() { }),
                        rs.getString(16), rs.getString(17), rs.getString(18)), id).stream().findFirst();
    }

    /**
     * Deletes comparisons older than the retention, and per route and verdict the oldest beyond their quota:
     * {@code ficus.gateway.evidence.matches-per-route} matches, {@code mismatches-per-route} of every other verdict. So
     * no number of matches ever evicts a mismatch.
     */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    public void enforceRetention() {
        jdbc.update("delete from comparison where recorded_at < ?",
                Timestamp.from(Instant.now().minus(settings.retention())));
        jdbc.update("delete from comparison c using (select id, verdict, row_number() over (partition by route_id, verdict"
                + " order by id desc) n from comparison) r where c.id = r.id"
                + " and r.n > case when r.verdict = 'MATCH' then ? else ? end", matchesPerRoute, mismatchesPerRoute);
    }

    private static List<Difference> differences(String text) {
        return json.readValue(text, new TypeReference<List<Difference>>() { });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static Long longValue(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
