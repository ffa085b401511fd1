package io.ficus.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.adapter.sync.WriteBackGuard;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The write-back guard recognises a legacy change by the event id the translation gives it. */
class LegacyEventIdTest {

    @Test
    void theGuardDerivesTheSameEventIdAsTheTranslation() {
        var change = RowChange.parse(JsonMapper.builder().build().readTree(TicketRowMapperTest.insert("N", "null")));
        var translated = new TicketRowMapper().map(change);

        assertThat(WriteBackGuard.legacyEventId("tkt_ticket", UUID.fromString(TicketRowMapperTest.TICKET), "c", 24023928L, 771))
                .isEqualTo(translated.eventId());
    }
}
