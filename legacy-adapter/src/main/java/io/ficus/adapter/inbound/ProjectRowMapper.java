package io.ficus.adapter.inbound;

import static io.ficus.adapter.inbound.LegacyValues.text;
import static io.ficus.adapter.inbound.LegacyValues.timestamp;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.ProjectState;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code PRJ_PROJECT}: hard-deleted. */
final class ProjectRowMapper extends RowMapper {

    static final String TABLE = "prj_project";

    ProjectRowMapper() {
        super(TABLE, EntityType.PROJECT, "prj_id", "prj_upd_ts");
    }

    @Override
    EntityState state(UUID id, JsonNode row) {
        return new ProjectState(id, text(row, "prj_name"), text(row, "prj_desc"), timestamp(row, "prj_crt_ts"));
    }
}
