package io.ficus.adapter.inbound;

import static io.ficus.adapter.inbound.LegacyValues.deleted;
import static io.ficus.adapter.inbound.LegacyValues.text;
import static io.ficus.adapter.inbound.LegacyValues.timestamp;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.UserState;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** {@code USR_USER}: soft-deleted by {@code USR_DEL_FLG}; the bcrypt hash travels as it is. */
final class UserRowMapper extends RowMapper {

    static final String TABLE = "usr_user";

    UserRowMapper() {
        super(TABLE, EntityType.USER, "usr_id", "usr_upd_ts");
    }

    @Override
    String liveCondition() {
        return "usr_del_flg <> 'Y'";
    }

    @Override
    boolean softDeleted(JsonNode row) {
        return deleted(row, "usr_del_flg");
    }

    @Override
    EntityState state(UUID id, JsonNode row) {
        return new UserState(id, text(row, "usr_name"), text(row, "usr_email"), text(row, "usr_pwd_hash"),
                timestamp(row, "usr_crt_ts"));
    }
}
