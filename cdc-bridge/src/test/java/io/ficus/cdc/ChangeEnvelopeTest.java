package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bridge counts a published change by its envelope's op, commit time and snapshot marker, never by its row images. */
class ChangeEnvelopeTest {

    @Test
    void readsOpCommitTimeAndSnapshotMarkerAndIgnoresLookalikeColumnsOfTheRowImages() {
        String value = """
                {"before":{"op":"d","source":{"ts_ms":1},"tags":[{"op":"x"}]},
                 "after":{"tkt_id":"t1","op":"u","ts_ms":2,"source":"a column"},
                 "source":{"version":"3.6.3.Final","connector":"postgresql","ts_ms":1767225600123,"snapshot":"last",
                           "sequence":"[\\"1\\",\\"2\\"]","lsn":123,"txId":456},
                 "transaction":null,"op":"r","ts_ms":1767225600999}""";

        var envelope = KafkaChangePublisher.Envelope.read(value);

        assertThat(envelope.op()).isEqualTo("r");
        assertThat(envelope.committedMillis()).isEqualTo(1767225600123L);
        assertThat(envelope.snapshot()).isEqualTo("last");
    }

    @Test
    void aHeartbeatRecordHasNoOpNorCommitTime() {
        var envelope = KafkaChangePublisher.Envelope.read("{\"ts_ms\":1767225600999}");

        assertThat(envelope.op()).isEmpty();
        assertThat(envelope.committedMillis()).isEqualTo(-1);
        assertThat(envelope.snapshot()).isNull();
    }

    @Test
    void aStringValueThatSpellsTheFieldNamesIsNotMistakenForThem() {
        String value = """
                {"before":null,"after":{"tkt_id":"t1","tkt_title":"\\"source\\":{\\"ts_ms\\":5,\\"snapshot\\":\\"true\\"},\\"op\\":\\"d\\""},
                 "source":{"version":"3.6.3.Final","ts_ms":1767225600124,"snapshot":"false","lsn":124,"txId":457},
                 "transaction":null,"op":"c","ts_ms":1767225601000}""";

        var envelope = KafkaChangePublisher.Envelope.read(value);

        assertThat(envelope.op()).isEqualTo("c");
        assertThat(envelope.committedMillis()).isEqualTo(1767225600124L);
        assertThat(envelope.snapshot()).isEqualTo("false");
    }

    @Test
    void aStreamedChangeWithoutCommitTimeReadsAsMinusOne() {
        var envelope = KafkaChangePublisher.Envelope.read("""
                {"before":null,"after":{"id":1},"source":{"ts_ms":null,"snapshot":"false"},"transaction":null,"op":"u","ts_ms":1}""");

        assertThat(envelope.op()).isEqualTo("u");
        assertThat(envelope.committedMillis()).isEqualTo(-1);
    }
}
