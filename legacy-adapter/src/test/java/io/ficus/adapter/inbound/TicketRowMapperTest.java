package io.ficus.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.contracts.ChangeKind;
import io.ficus.contracts.EntityType;
import io.ficus.contracts.TicketState;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TicketRowMapperTest {

    static final String TICKET = "0b4f3c7e-7f6e-4d1a-9b8e-3f1c2d4e5a6b";
    static final String PROJECT = "1c5a4d8f-8a7f-4e2b-8c9f-4a2d3e5f6b7c";
    static final String PHASE = "2d6b5e9a-9b8a-4f3c-9d0a-5b3e4f6a7c8d";
    static final String ALICE = "3e7c6f0b-0c9b-4a4d-8e1b-6c4f5a7b8d9e";
    static final String BOB = "4f8d7a1c-1d0c-4b5e-9f2c-7d5a6b8c9e0f";

    private final JsonMapper json = JsonMapper.builder().build();
    private final TicketRowMapper mapper = new TicketRowMapper();

    /** A row change exactly as cdc-bridge publishes it for an insert into TKT_TICKET. */
    static String insert(String deleteFlag, String assignees) {
        return """
            {"before":null,
             "after":{"tkt_id":"%s","prj_id":"%s","phs_id":"%s","tkt_title":"Fix login","tkt_desc":null,
                      "tkt_due_ts":1767323045000000,"tkt_assignees":%s,"tkt_crt_ts":1764576000123456,
                      "tkt_upd_ts":1764576000123456,"tkt_del_flg":"%s"},
             "source":{"version":"3.6.3.Final","connector":"postgresql","name":"legacy","ts_ms":1764576000200,
                       "snapshot":"false","db":"legacy","sequence":"[null,\\"24023928\\"]","schema":"public",
                       "table":"tkt_ticket","txId":771,"lsn":24023928,"xmin":null},
             "op":"c","ts_ms":1764576000300}
            """.formatted(TICKET, PROJECT, PHASE, assignees, deleteFlag);
    }

    RowChange parse(String text) {
        return RowChange.parse(json.readTree(text));
    }

    @Test
    void translatesALiveRowIntoAnUpsertWithTheFullState() {
        var change = mapper.map(parse(insert("N", "\"" + ALICE + ";" + BOB + "\"")));

        assertThat(change.kind()).isEqualTo(ChangeKind.UPSERTED);
        assertThat(change.entityType()).isEqualTo(EntityType.TICKET);
        assertThat(change.entityId()).isEqualTo(UUID.fromString(TICKET));
        assertThat(change.source().lsn()).isEqualTo(24023928L);
        assertThat(change.source().txId()).isEqualTo(771L);
        assertThat(change.source().snapshot()).isFalse();
        assertThat(change.state()).isEqualTo(new TicketState(UUID.fromString(TICKET), UUID.fromString(PROJECT),
                UUID.fromString(PHASE), "Fix login", null,
                LocalDateTime.of(2026, 1, 2, 3, 4, 5), LocalDateTime.of(2025, 12, 1, 8, 0, 0),
                List.of(UUID.fromString(ALICE), UUID.fromString(BOB))));
    }

    @Test
    void readsMissingAssigneesAsAnEmptyList() {
        var change = mapper.map(parse(insert("N", "null")));
        assertThat(((TicketState) change.state()).assigneeIds()).isEmpty();
    }

    @Test
    void translatesASoftDeletedRowIntoADeletion() {
        var change = mapper.map(parse(insert("Y", "null")));
        assertThat(change.kind()).isEqualTo(ChangeKind.DELETED);
        assertThat(change.state()).isNull();
        assertThat(change.entityId()).isEqualTo(UUID.fromString(TICKET));
    }

    @Test
    void translatesAHardDeleteFromTheBeforeImage() {
        String delete = """
            {"before":{"tkt_id":"%s","prj_id":null,"phs_id":null,"tkt_title":null,"tkt_desc":null,"tkt_due_ts":null,
                       "tkt_assignees":null,"tkt_crt_ts":null,"tkt_upd_ts":null,"tkt_del_flg":null},
             "after":null,
             "source":{"ts_ms":1764576000200,"snapshot":"false","table":"tkt_ticket","txId":772,"lsn":24024000},
             "op":"d","ts_ms":1764576000300}
            """.formatted(TICKET);
        var change = mapper.map(parse(delete));
        assertThat(change.kind()).isEqualTo(ChangeKind.DELETED);
        assertThat(change.entityId()).isEqualTo(UUID.fromString(TICKET));
    }

    @Test
    void givesARedeliveredRowChangeTheSameEventId() {
        String row = insert("N", "null");
        assertThat(mapper.map(parse(row)).eventId()).isEqualTo(mapper.map(parse(row)).eventId());
    }

    @Test
    void marksSnapshotReadsAsSnapshot() {
        String snapshot = insert("N", "null").replace("\"snapshot\":\"false\"", "\"snapshot\":\"last\"").replace("\"op\":\"c\"", "\"op\":\"r\"");
        assertThat(mapper.map(parse(snapshot)).source().snapshot()).isTrue();
    }
}
