package io.ficus.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.data.Envelope;
import io.debezium.pipeline.meters.CommonEventMeter;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.spi.schema.DataCollectionId;
import io.debezium.util.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * The bridge's copy of Debezium's {@code CommonEventMeter} (which formats the last event only when the metric is read)
 * is the one the engine loads, and it was copied from the Debezium version on the class path.
 */
class DebeziumMeterShadowTest {

    @Test
    void theBridgesCopyOfTheEventMeterIsLoadedInsteadOfDebeziums() {
        var source = CommonEventMeter.class.getProtectionDomain().getCodeSource().getLocation().toString();

        assertThat(source).as("CommonEventMeter must come from the bridge's own classes, not a Debezium jar")
                .doesNotEndWith(".jar").doesNotContain("debezium-connector-common");
    }

    @Test
    void theCopyMatchesTheDebeziumVersionOnTheClassPath() {
        assertThat(io.debezium.connector.postgresql.Module.version())
                .as("Debezium was upgraded: compare io.debezium.pipeline.meters.CommonEventMeter with the new version's, "
                        + "bring the copy up to date, then change the version here")
                .isEqualTo("3.6.3.Final");
    }

    @Test
    void countsEveryEventAtOnceAndFormatsTheLastOneOnlyWhenItIsRead() {
        var formatted = new AtomicInteger();
        EventMetadataProvider provider = new EventMetadataProvider() {
            @Override
            public Instant getEventTimestamp(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                return null;
            }

            @Override
            public Map<String, String> getEventSourcePosition(DataCollectionId source, OffsetContext offset, Object key,
                                                              Struct value) {
                return Map.of();
            }

            @Override
            public String getTransactionId(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                return null;
            }

            @Override
            public String toSummaryString(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
                formatted.incrementAndGet();
                return "key=" + key;
            }
        };
        var meter = new CommonEventMeter(Clock.SYSTEM, provider);

        for (int i = 1; i <= 1000; i++) {
            meter.onEvent(null, null, "k" + i, null, i % 2 == 0 ? Envelope.Operation.CREATE : Envelope.Operation.READ);
        }

        assertThat(meter.getTotalNumberOfEventsSeen()).isEqualTo(1000);
        assertThat(meter.getTotalNumberOfCreateEventsSeen()).isEqualTo(500);
        assertThat(formatted).hasValue(0);
        assertThat(meter.getLastEvent()).isEqualTo("key=k1000");
        assertThat(formatted).hasValue(1);
        meter.reset();
        assertThat(meter.getLastEvent()).isNull();
        assertThat(meter.getTotalNumberOfEventsSeen()).isZero();
    }
}
