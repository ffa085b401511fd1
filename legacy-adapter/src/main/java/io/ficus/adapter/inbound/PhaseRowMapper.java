package io.ficus.adapter.inbound;

import static io.ficus.adapter.inbound.LegacyValues.text;
import static io.ficus.adapter.inbound.LegacyValues.timestamp;
import static io.ficus.adapter.inbound.LegacyValues.uuid;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.PhaseState;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code PHS_PHASE}: hard-deleted; {@code PHS_POS} is the 0-based position. */
final class PhaseRowMapper extends RowMapper {

    static final String TABLE = "phs_phase";

    PhaseRowMapper() {
        super(TABLE, EntityType.PHASE, "phs_id", "phs_upd_ts");
    }

    @Override
    EntityState state(UUID id, JsonNode row) {
        JsonNode position = row.get("phs_pos");
        if (position == null || position.isNull()) {
            throw new UntranslatableRowException(TABLE, "has no PHS_POS");
        }
        return new PhaseState(id, uuid(row, "prj_id"), text(row, "phs_name"), position.asInt(),
                timestamp(row, "phs_crt_ts"));
    }
}
