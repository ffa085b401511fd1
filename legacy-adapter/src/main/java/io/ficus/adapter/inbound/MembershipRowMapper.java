package io.ficus.adapter.inbound;

import static io.ficus.adapter.inbound.LegacyValues.timestamp;
import static io.ficus.adapter.inbound.LegacyValues.uuid;

import io.ficus.contracts.EntityState;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * {@code MBR_MEMBERSHIP}: hard-deleted; {@code MBR_ROLE_CD} 1 = ADMIN, 2 = MEMBER;
 * {@code MBR_STATE_CD} 0 = OPEN, 1 = ACCEPTED. Any other code is refused, never guessed.
 */
final class MembershipRowMapper extends RowMapper {

    static final String TABLE = "mbr_membership";

    MembershipRowMapper() {
        super(TABLE, EntityType.MEMBERSHIP, "mbr_id", "mbr_upd_ts");
    }

    @Override
    EntityState state(UUID id, JsonNode row) {
        return new MembershipState(id, uuid(row, "prj_id"), uuid(row, "usr_id"), role(row.path("mbr_role_cd").asInt(-1)),
                status(row.path("mbr_state_cd").asInt(-1)), timestamp(row, "mbr_crt_ts"));
    }

    static MembershipRole role(int code) {
        return switch (code) {
            case 1 -> MembershipRole.ADMIN;
            case 2 -> MembershipRole.MEMBER;
            default -> throw new UntranslatableRowException(TABLE, "has unknown MBR_ROLE_CD " + code);
        };
    }

    static MembershipStatus status(int code) {
        return switch (code) {
            case 0 -> MembershipStatus.OPEN;
            case 1 -> MembershipStatus.ACCEPTED;
            default -> throw new UntranslatableRowException(TABLE, "has unknown MBR_STATE_CD " + code);
        };
    }
}
