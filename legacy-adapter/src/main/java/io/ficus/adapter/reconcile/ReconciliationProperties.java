package io.ficus.adapter.reconcile;

import io.ficus.contracts.EntityType;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of reconciliation.
 *
 * @param coreDb           the core's database, read-only; reconciliation is unavailable without it
 * @param owners           which side owns the writes of each entity type, for repair; a type not
 *                         set here is owned as the gateway routes its writes when a gateway is
 *                         set, else by the legacy
 * @param progressInterval how often progress is logged while a reconciliation runs
 * @param fetchSize        rows fetched per round trip from either database
 * @param every            run a full reconciliation this often in the background (off when unset);
 *                         each run's drift is published as {@code ficus.adapter.reconciliation.drift}
 * @param repairSettle     before repairing, each drift is checked again after this long, and only
 *                         drift still there is repaired: a change in flight (replication lag) must
 *                         not be overwritten with the state it is about to replace
 * @param gateway          the gateway whose routing tells the owners (unset: no gateway is asked)
 * @param parallelism      id ranges a full reconciliation compares at once, each on a connection to either database of
 *                         its own (so the legacy's pool and the core's must have that many to spare); each type's ids
 *                         are cut into that many ranges. 1: one stream per type, as before
 * @param workMemory       PostgreSQL's {@code work_mem} for the transactions of a full reconciliation (both
 *                         databases, {@code SET LOCAL}): room to sort a range in memory rather than on disk; unset:
 *                         the databases' own setting
 */
@ConfigurationProperties("ficus.adapter.reconciliation")
public record ReconciliationProperties(
        CoreDb coreDb,
        Map<EntityType, Owner> owners,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("5000") int fetchSize,
        java.time.Duration every,
        @DefaultValue("5s") Duration repairSettle,
        Gateway gateway,
        @DefaultValue("2") int parallelism,
        @DefaultValue("64MB") DataSize workMemory) {

    public ReconciliationProperties {
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("ficus.adapter.reconciliation.parallelism must be between 1 and 64, was "
                    + parallelism);
        }
        if (fetchSize < 1) {
            throw new IllegalArgumentException("ficus.adapter.reconciliation.fetch-size must be at least 1, was " + fetchSize);
        }
        owners = owners == null ? Map.of() : Map.copyOf(owners);
    }

    public enum Owner { LEGACY, CORE }

    /**
     * The gateway's admin API, asked which side answers the write routes of each group.
     *
     * @param url      base URL of the gateway (its admin API is {@code /ficus/api})
     * @param username a gateway user with the VIEWER role: only {@code GET /ficus/api/routes} is
     *                 called, so a read-only user suffices (never give it an operator)
     * @param password its password, in clear: this is a client credential sent with HTTP Basic
     * @param groups   the gateway route group of each entity type (default: users, projects,
     *                 memberships, phases, tickets)
     */
    public record Gateway(java.net.URI url, String username, String password, Map<EntityType, String> groups) {

        public Gateway {
            groups = groups == null ? Map.of() : Map.copyOf(groups);
        }

        String groupOf(EntityType type) {
            return groups.getOrDefault(type, switch (type) {
                case USER -> "users";
                case PROJECT -> "projects";
                case MEMBERSHIP -> "memberships";
                case PHASE -> "phases";
                case TICKET -> "tickets";
            });
        }

        @Override
        public String toString() {
            return "Gateway[" + url + "]";
        }
    }

    /**
     * Connection to the core's database.
     *
     * @param url      JDBC URL; empty disables reconciliation
     * @param username user (read-only access suffices)
     * @param password its password
     */
    public record CoreDb(String url, String username, String password) {

        @Override
        public String toString() {
            return "CoreDb[" + url + "]";
        }
    }
}
