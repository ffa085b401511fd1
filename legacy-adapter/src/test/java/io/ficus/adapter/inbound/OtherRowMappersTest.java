package io.ficus.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.MembershipRole;
import io.ficus.contracts.MembershipState;
import io.ficus.contracts.MembershipStatus;
import io.ficus.contracts.PhaseState;
import io.ficus.contracts.ProjectState;
import io.ficus.contracts.UserState;
import java.time.LocalDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The users, projects, memberships and phases mappers, fed with rows as cdc-bridge publishes them. */
class OtherRowMappersTest {

    static final String ID = "5a9e8b2d-2e1d-4c6f-8a3d-8e6b7c9d0f1a";
    static final String PROJECT = "1c5a4d8f-8a7f-4e2b-8c9f-4a2d3e5f6b7c";
    static final String USER = "3e7c6f0b-0c9b-4a4d-8e1b-6c4f5a7b8d9e";
    static final LocalDateTime CREATED = LocalDateTime.of(2025, 12, 1, 8, 0, 0);

    private final JsonMapper json = JsonMapper.builder().build();

    RowChange change(String table, String op, String row) {
        String before = "d".equals(op) ? row : "null";
        String after = "d".equals(op) ? "null" : row;
        return RowChange.parse(json.readTree("""
            {"before":%s,"after":%s,
             "source":{"ts_ms":1764576000200,"snapshot":"false","schema":"public","table":"%s","txId":900,"lsn":31000},
             "op":"%s","ts_ms":1764576000300}
            """.formatted(before, after, table, op)));
    }

    @Test
    void userRowCarriesItsHashAndASoftDeleteBecomesADeletion() {
        String row = """
            {"usr_id":"%s","usr_name":"Ada","usr_email":"ada@example.com","usr_pwd_hash":"$2a$10$N9qo8uLOickgx2ZMRZoMye",
             "usr_crt_ts":1764576000000000,"usr_upd_ts":1764576000000000,"usr_del_flg":"%s"}""";
        var live = new UserRowMapper().map(change("usr_user", "u", row.formatted(ID, "N")));
        assertThat(live.state()).isEqualTo(new UserState(UUID.fromString(ID), "Ada", "ada@example.com",
                "$2a$10$N9qo8uLOickgx2ZMRZoMye", CREATED));
        assertThat(live.toString()).doesNotContain("N9qo8uLOickgx2ZMRZoMye");

        var deleted = new UserRowMapper().map(change("usr_user", "u", row.formatted(ID, "Y")));
        assertThat(deleted.kind()).isEqualTo(ChangeKind.DELETED);
    }

    @Test
    void projectRowAndItsHardDelete() {
        String row = """
            {"prj_id":"%s","prj_name":"Apollo","prj_desc":"to the moon","prj_crt_ts":1764576000000000,"prj_upd_ts":1764576000000000}"""
                .formatted(PROJECT);
        assertThat(new ProjectRowMapper().map(change("prj_project", "c", row)).state())
                .isEqualTo(new ProjectState(UUID.fromString(PROJECT), "Apollo", "to the moon", CREATED));
        var deleted = new ProjectRowMapper().map(change("prj_project", "d", row));
        assertThat(deleted.kind()).isEqualTo(ChangeKind.DELETED);
        assertThat(deleted.entityId()).isEqualTo(UUID.fromString(PROJECT));
    }

    @Test
    void membershipCodesBecomeEnums() {
        String row = """
            {"mbr_id":"%s","prj_id":"%s","usr_id":"%s","mbr_role_cd":%d,"mbr_state_cd":%d,
             "mbr_crt_ts":1764576000000000,"mbr_upd_ts":1764576000000000}""";
        assertThat(new MembershipRowMapper().map(change("mbr_membership", "c", row.formatted(ID, PROJECT, USER, 1, 1))).state())
                .isEqualTo(new MembershipState(UUID.fromString(ID), UUID.fromString(PROJECT), UUID.fromString(USER),
                        MembershipRole.ADMIN, MembershipStatus.ACCEPTED, CREATED));
        assertThat(((MembershipState) new MembershipRowMapper().map(change("mbr_membership", "c",
                row.formatted(ID, PROJECT, USER, 2, 0))).state()).role()).isEqualTo(MembershipRole.MEMBER);
    }

    @Test
    void anUnknownMembershipCodeIsRefusedWithoutItsRowValues() {
        String row = """
            {"mbr_id":"%s","prj_id":"%s","usr_id":"%s","mbr_role_cd":7,"mbr_state_cd":1,
             "mbr_crt_ts":1764576000000000,"mbr_upd_ts":1764576000000000}""".formatted(ID, PROJECT, USER);
        assertThatThrownBy(() -> new MembershipRowMapper().map(change("mbr_membership", "c", row)))
                .isInstanceOf(UntranslatableRowException.class)
                .hasMessage("Row of mbr_membership has unknown MBR_ROLE_CD 7");
    }

    @Test
    void phaseRowKeepsItsPosition() {
        String row = """
            {"phs_id":"%s","prj_id":"%s","phs_name":"In progress","phs_pos":1,
             "phs_crt_ts":1764576000000000,"phs_upd_ts":1764576000000000}""".formatted(ID, PROJECT);
        assertThat(new PhaseRowMapper().map(change("phs_phase", "c", row)).state())
                .isEqualTo(new PhaseState(UUID.fromString(ID), UUID.fromString(PROJECT), "In progress", 1, CREATED));
    }
}
