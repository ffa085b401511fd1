package io.ficus.support.ownership;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Predicate;

/**
 * What differs between the applications that install the write guard. Declaring a bean of this type installs it.
 *
 * @param self          this application as the gateway names owners: {@code legacy} or {@code core}. Until the
 *                      gateway pushed a group, the legacy owns its writes (the gateway's default mode, LEGACY), so
 *                      the legacy application admits them and the core refuses every write under {@code /api}
 * @param table         the table of this application's database that keeps the pushed ownership (columns
 *                      {@code group_name, owner, epoch, routes, updated_at}), created by the application's migrations
 * @param gatewaySecret whether a header value is the gateway's secret ({@code X-Ficus-Gateway-Secret}); only the
 *                      gateway may read or push ownership
 * @param exempt        requests the guard lets through without admission, such as the core's dry runs (they change
 *                      nothing, and their own filter checks the gateway's secret)
 */
public record WriteGuardSettings(String self, String table, Predicate<String> gatewaySecret,
                                 Predicate<HttpServletRequest> exempt) {

    /** The owner of every group the gateway has not pushed yet. */
    static final String DEFAULT_OWNER = "legacy";

    public WriteGuardSettings {
        if (!"legacy".equals(self) && !"core".equals(self)) {
            throw new IllegalArgumentException("self must be legacy or core, not " + self);
        }
        if (table == null || !table.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("table must be a lower-case SQL name, not " + table);
        }
    }

    /** A guard that exempts no request. */
    public WriteGuardSettings(String self, String table, Predicate<String> gatewaySecret) {
        this(self, table, gatewaySecret, request -> false);
    }

    /** Whether this application owns the writes of a group the gateway has not pushed yet. */
    boolean ownsUnpushed() {
        return DEFAULT_OWNER.equals(self);
    }
}
