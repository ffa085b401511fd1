package io.ficus.adapter.reconcile;

import io.ficus.contracts.EntityType;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of reconciliation.
 *
 * @param coreDb           the core's database, read-only; reconciliation is unavailable without it
 * @param owners           which side owns the writes of each entity type, for repair (default: the legacy)
 * @param progressInterval how often progress is logged while a reconciliation runs
 * @param fetchSize        rows fetched per round trip from either database
 * @param every            run a full reconciliation this often in the background (off when unset);
 *                         each run's drift is published as {@code ficus.adapter.reconciliation.drift}
 * @param repairSettle     before repairing, each drift is checked again after this long, and only
 *                         drift still there is repaired: a change in flight (replication lag) must
 *                         not be overwritten with the state it is about to replace
 */
@ConfigurationProperties("ficus.adapter.reconciliation")
public record ReconciliationProperties(
        CoreDb coreDb,
        Map<EntityType, Owner> owners,
        @DefaultValue("5s") Duration progressInterval,
        @DefaultValue("5000") int fetchSize,
        java.time.Duration every,
        @DefaultValue("5s") Duration repairSettle) {

    public ReconciliationProperties {
        owners = owners == null ? Map.of() : Map.copyOf(owners);
    }

    public Owner owner(EntityType type) {
        return owners.getOrDefault(type, Owner.LEGACY);
    }

    public enum Owner { LEGACY, CORE }

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
