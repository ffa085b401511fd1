package io.ficus.gateway.evidence;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail of evidence decisions: policy and ignore-rule changes, promotions forced past an unmet gate, and
 * automatic rollbacks with the figures that triggered them. (The flips themselves are in the toggles' audit too.)
 */
@Component
public class EvidenceAudit {

    private final JdbcTemplate jdbc;

    public EvidenceAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One entry.
     *
     * @param id      sequence number
     * @param at      when
     * @param actor   who (a user, or {@code auto-rollback})
     * @param kind    POLICY, IGNORE_RULE, FORCED_PROMOTION or AUTO_ROLLBACK
     * @param subject the group or route
     * @param forced  whether a promotion was forced past an unmet gate
     * @param reason  the reason given
     * @param detail  what changed, or the figures
     */
    public record Entry(long id, Instant at, String actor, String kind, String subject, boolean forced, String reason,
                        String detail) {
    }

    public void record(String actor, String kind, String subject, boolean forced, String reason, String detail) {
        jdbc.update("insert into evidence_audit (actor, kind, subject, forced, reason, detail) values (?, ?, ?, ?, ?, ?)",
                actor, kind, subject, forced, reason, detail);
    }

    /** The newest entries first, optionally of one subject. */
    public List<Entry> entries(String subject, int limit) {
        String where = subject == null ? "" : " where subject = ?";
        Object[] args = subject == null ? new Object[] {limit} : new Object[] {subject, limit};
        return jdbc.query("select id, at, actor, kind, subject, forced, reason, detail from evidence_audit" + where
                + " order by id desc limit ?", (rs, n) -> new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8)), args);
    }
}
