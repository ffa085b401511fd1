package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The bridge counts a published change by its envelope's op, commit time and snapshot marker, never by its row images. */
class ChangeEnvelopeTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsOpCommitTimeAndSnapshotMarkerAndIgnoresLookalikeColumnsOfTheRowImages() {
        String value = """
                {"before":{"op":"d","source":{"ts_ms":1},"tags":[{"op":"x"}]},
                 "after":{"tkt_id":"t1","op":"u","ts_ms":2,"source":"a column"},
                 "source":{"version":"3.6.3.Final","connector":"postgresql","ts_ms":1767225600123,"snapshot":"last",
                           "sequence":"[\\"1\\",\\"2\\"]","lsn":123,"txId":456},
                 "transaction":null,"op":"r","ts_ms":1767225600999}""";

        var envelope = KafkaChangePublisher.Envelope.read(json, value);

        assertThat(envelope.op()).isEqualTo("r");
        assertThat(envelope.committedMillis()).isEqualTo(1767225600123L);
        assertThat(envelope.snapshot()).isEqualTo("last");
    }

    @Test
    void aHeartbeatRecordHasNoOpNorCommitTime() {
        var envelope = KafkaChangePublisher.Envelope.read(json, "{\"ts_ms\":1767225600999}");

        assertThat(envelope.op()).isEmpty();
        assertThat(envelope.committedMillis()).isEqualTo(-1);
        assertThat(envelope.snapshot()).isNull();
    }
}
