package io.ficus.adapter.inbound;

import static io.ficus.adapter.inbound.LegacyValues.deleted;
import static io.ficus.adapter.inbound.LegacyValues.idList;
import static io.ficus.adapter.inbound.LegacyValues.text;
import static io.ficus.adapter.inbound.LegacyValues.timestamp;
import static io.ficus.adapter.inbound.LegacyValues.uuid;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code TKT_TICKET}: soft-deleted by {@code TKT_DEL_FLG}; assignees are a {@code ;}-joined list. */
final class TicketRowMapper extends RowMapper {

    static final String TABLE = "tkt_ticket";

    TicketRowMapper() {
        super(TABLE, EntityType.TICKET, "tkt_id", "tkt_upd_ts");
    }

    @Override
    String liveCondition() {
        return "tkt_del_flg <> 'Y'";
    }

    @Override
    boolean softDeleted(JsonNode row) {
        return deleted(row, "tkt_del_flg");
    }

    @Override
    EntityState state(UUID id, JsonNode row) {
        return new TicketState(id, uuid(row, "prj_id"), uuid(row, "phs_id"), text(row, "tkt_title"),
                text(row, "tkt_desc"), timestamp(row, "tkt_due_ts"), timestamp(row, "tkt_crt_ts"),
                idList(text(row, "tkt_assignees")));
    }
}
