/*
 * Copyright Debezium Authors.
 *
 * Licensed under the Apache Software License version 2.0, available at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.debezium.pipeline.meters;

import io.debezium.data.Envelope;
import io.debezium.pipeline.metrics.traits.CommonEventMetricsMXBean;
import io.debezium.pipeline.source.spi.EventMetadataProvider;
import io.debezium.pipeline.spi.OffsetContext;
import io.debezium.spi.schema.DataCollectionId;
import io.debezium.util.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Struct;

/**
 * Debezium 3.6.3.Final's {@code CommonEventMeter}, the same in every respect but one: the {@code LastEvent} metric is
 * formatted when it is read, not for every event. Debezium formats each event's key and source position into a string
 * (its {@code EventFormatter}) on the thread that reads the rows, for a JMX attribute nobody reads here: a fifth of the
 * bridge's CPU during a snapshot, spent by its single reading thread. This class shadows Debezium's (the application's
 * own classes come first on its class path); {@code DebeziumMeterShadowTest} fails when the Debezium version changes,
 * so that the copy is compared with the new one's before an upgrade.
 */
public class CommonEventMeter implements CommonEventMetricsMXBean {

    protected final AtomicLong totalNumberOfEventsSeen = new AtomicLong();
    protected final AtomicLong totalNumberOfCreateEventsSeen = new AtomicLong();
    protected final AtomicLong totalNumberOfUpdateEventsSeen = new AtomicLong();
    protected final AtomicLong totalNumberOfDeleteEventsSeen = new AtomicLong();
    private final AtomicLong numberOfEventsFiltered = new AtomicLong();
    protected final AtomicLong numberOfErroneousEvents = new AtomicLong();
    protected final AtomicLong lastEventTimestamp = new AtomicLong(-1);
    /** The last event, formatted only when {@link #getLastEvent()} is read. */
    private volatile LastEvent lastEvent;

    private final Clock clock;
    private final EventMetadataProvider metadataProvider;

    /** What {@link EventMetadataProvider#toSummaryString} needs; the offset is read when it is formatted. */
    private record LastEvent(DataCollectionId source, OffsetContext offset, Object key, Struct value) {
    }

    public CommonEventMeter(Clock clock, EventMetadataProvider metadataProvider) {
        this.clock = clock;
        this.metadataProvider = metadataProvider;
    }

    public void onEvent(DataCollectionId source, OffsetContext offset, Object key, Struct value, Envelope.Operation operation) {
        updateCommonEventMetrics(operation);
        lastEvent = new LastEvent(source, offset, key, value);
    }

    private void updateCommonEventMetrics() {
        updateCommonEventMetrics(null);
    }

    private void updateCommonEventMetrics(Envelope.Operation operation) {
        totalNumberOfEventsSeen.incrementAndGet();
        lastEventTimestamp.set(clock.currentTimeInMillis());
        if (operation == Envelope.Operation.CREATE) {
            totalNumberOfCreateEventsSeen.incrementAndGet();
        } else if (operation == Envelope.Operation.UPDATE) {
            totalNumberOfUpdateEventsSeen.incrementAndGet();
        } else if (operation == Envelope.Operation.DELETE) {
            totalNumberOfDeleteEventsSeen.incrementAndGet();
        }
    }

    public void onFilteredEvent() {
        numberOfEventsFiltered.incrementAndGet();
        updateCommonEventMetrics();
    }

    public void onFilteredEvent(Envelope.Operation operation) {
        numberOfEventsFiltered.incrementAndGet();
        updateCommonEventMetrics(operation);
    }

    public void onErroneousEvent() {
        numberOfErroneousEvents.incrementAndGet();
        updateCommonEventMetrics();
    }

    public void onErroneousEvent(Envelope.Operation operation) {
        numberOfErroneousEvents.incrementAndGet();
        updateCommonEventMetrics(operation);
    }

    @Override
    public String getLastEvent() {
        LastEvent last = lastEvent;
        if (last == null) {
            return null;
        }
        try {
            return metadataProvider.toSummaryString(last.source(), last.offset(), last.key(), last.value());
        } catch (RuntimeException e) {
            // The offset moved on meanwhile (it is read now, not at the event): the metric says so rather than fail.
            return "unavailable: " + e;
        }
    }

    @Override
    public long getMilliSecondsSinceLastEvent() {
        return lastEventTimestamp.get() == -1 ? -1 : clock.currentTimeInMillis() - lastEventTimestamp.get();
    }

    @Override
    public long getTotalNumberOfEventsSeen() {
        return totalNumberOfEventsSeen.get();
    }

    @Override
    public long getTotalNumberOfCreateEventsSeen() {
        return totalNumberOfCreateEventsSeen.get();
    }

    @Override
    public long getTotalNumberOfUpdateEventsSeen() {
        return totalNumberOfUpdateEventsSeen.get();
    }

    @Override
    public long getTotalNumberOfDeleteEventsSeen() {
        return totalNumberOfDeleteEventsSeen.get();
    }

    @Override
    public long getNumberOfEventsFiltered() {
        return numberOfEventsFiltered.get();
    }

    @Override
    public long getNumberOfErroneousEvents() {
        return numberOfErroneousEvents.get();
    }

    public void reset() {
        totalNumberOfEventsSeen.set(0);
        totalNumberOfCreateEventsSeen.set(0);
        totalNumberOfUpdateEventsSeen.set(0);
        totalNumberOfDeleteEventsSeen.set(0);
        lastEventTimestamp.set(-1);
        numberOfEventsFiltered.set(0);
        numberOfErroneousEvents.set(0);
        lastEvent = null;
    }
}
