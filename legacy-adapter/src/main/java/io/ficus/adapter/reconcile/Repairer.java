package io.ficus.adapter.reconcile;

import io.ficus.adapter.AdapterProperties;
import io.ficus.adapter.inbound.LegacyRows;
import io.ficus.adapter.outbound.CoreEventWriter;
import io.ficus.adapter.reconcile.ReconciliationProperties.Owner;
import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.CoreEvent;
import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.LegacyChange;
import io.ficus.contracts.SourcePosition;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Re-publishes drifted entities from the side that owns their type. */
@Component
class Repairer {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final CoreEventWriter writer;
    private final String legacyChanges;

    Repairer(KafkaTemplate<String, String> kafka, JsonMapper json,
             CoreEventWriter writer, AdapterProperties adapter) {
        this.kafka = kafka;
        this.json = json;
        this.writer = writer;
        this.legacyChanges = adapter.topics().legacyChanges();
    }

    long repair(EntityType type, Owner owner, java.util.List<Drift> drifts, Connection legacy, Connection core)
            throws SQLException {
        long repaired = 0;
        for (Drift drift : drifts) {
            if (owner == Owner.LEGACY) {
                republishLegacy(type, drift.id(), legacy);
            } else {
                rewriteFromCore(type, drift.id(), core);
            }
            repaired++;
        }
        return repaired;
    }

    /** The legacy's current state (or its absence) as a change newer than anything captured so far. */
    private void republishLegacy(EntityType type, UUID id, Connection legacy) throws SQLException {
        LegacyRows rows = LegacyRows.of(type);
        Optional<EntityState> state = Optional.empty();
        try (var s = legacy.prepareStatement("select * from public." + rows.table() + " where " + rows.idColumn() + " = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    state = rows.read(rs);
                }
            }
        }
        long lsn;
        try (var rs = legacy.createStatement().executeQuery("select (pg_current_wal_lsn() - '0/0')::bigint")) {
            rs.next();
            lsn = rs.getLong(1);
        }
        var change = new LegacyChange(UUID.randomUUID(), type, id, state.isPresent() ? ChangeKind.UPSERTED : ChangeKind.DELETED,
                new SourcePosition(lsn, 0, Instant.now(), false), state.orElse(null));
        try {
            kafka.send(legacyChanges, id.toString(), json.writeValueAsString(change)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while repairing " + type + " " + id, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the repair of " + type + " " + id, e.getCause());
        }
    }

    /** The core's current state (or its absence) written into the legacy rows. */
    private void rewriteFromCore(EntityType type, UUID id, Connection core) throws SQLException {
        EntityState state = null;
        long version = 0;
        try (var s = core.prepareStatement(CoreStates.query(type, true))) {
            s.setArray(1, core.createArrayOf("uuid", new Object[] {id}));
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    state = CoreStates.read(type, rs);
                    version = rs.getLong("version");
                }
            }
        }
        writer.overwrite(new CoreEvent(UUID.randomUUID(), type, id, version, state != null ? ChangeKind.UPSERTED : ChangeKind.DELETED,
                Instant.now(), "reconciliation", state));
    }
}
