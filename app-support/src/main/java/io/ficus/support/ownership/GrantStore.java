package io.ficus.support.ownership;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The pushed ownership of every group, kept in the application's table so that a restart keeps it. */
final class GrantStore {

    private static final TypeReference<List<Grant.WriteRoute>> ROUTES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String table;

    GrantStore(JdbcTemplate jdbc, JsonMapper json, String table) {
        this.jdbc = jdbc;
        this.json = json;
        this.table = table;
    }

    Map<String, Grant> load() {
        Map<String, Grant> loaded = new TreeMap<>();
        jdbc.query("select group_name, owner, epoch, routes from " + table, rs -> {
            loaded.put(rs.getString(1), new Grant(rs.getString(1), rs.getString(2), rs.getLong(3),
                    json.readValue(rs.getString(4), ROUTES)));
        });
        LoggerFactory.getLogger(WriteGuard.class).info("write ownership at startup: {}", loaded.isEmpty()
                ? "none pushed yet, so the legacy owns every group"
                : loaded.values().stream().map(g -> g.group() + "=" + g.owner() + "@" + g.epoch()).collect(Collectors.joining(", ")));
        return loaded;
    }

    /** Records a grant unless a newer epoch of its group is recorded. */
    void save(Grant grant) {
        jdbc.update("insert into " + table + " (group_name, owner, epoch, routes, updated_at) values (?, ?, ?, ?, now())"
                        + " on conflict (group_name) do update set owner = excluded.owner, epoch = excluded.epoch,"
                        + " routes = excluded.routes, updated_at = now() where " + table + ".epoch <= excluded.epoch",
                grant.group(), grant.owner(), grant.epoch(), json.writeValueAsString(grant.routes()));
    }
}
