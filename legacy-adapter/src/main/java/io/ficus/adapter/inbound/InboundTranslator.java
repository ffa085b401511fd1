package io.ficus.adapter.inbound;

import io.ficus.adapter.AdapterProperties;
import io.ficus.adapter.faults.ConsumerRetries;
import io.ficus.adapter.faults.PoisonRecordException;
import io.ficus.adapter.faults.SyncFailures;
import io.ficus.adapter.sync.SyncMarks;
import io.ficus.contracts.LegacyChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Translates raw legacy row changes into canonical events. A record is acknowledged only
 * after its translation was acknowledged by Kafka, so nothing is lost on a crash; a
 * redelivered record yields the same event id, which the core drops. Changes of
 * transactions the adapter wrote itself are dropped here: they came from the core.
 */
@Component
class InboundTranslator {

    static final List<RowMapper> MAPPERS = List.of(new UserRowMapper(), new ProjectRowMapper(),
            new MembershipRowMapper(), new PhaseRowMapper(), new TicketRowMapper());

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final SyncMarks marks;
    private final String legacyChangesTopic;
    private final Map<String, RowMapper> mappers = MAPPERS.stream()
            .collect(Collectors.toMap(RowMapper::table, Function.identity()));
    private final Counter translated;
    private final Counter echoes;
    private final ConsumerRetries retries;

    InboundTranslator(KafkaTemplate<String, String> kafka, JsonMapper json, SyncMarks marks,
                      AdapterProperties properties, MeterRegistry meters, ConsumerRetries retries) {
        this.retries = retries;
        this.kafka = kafka;
        this.json = json;
        this.marks = marks;
        this.legacyChangesTopic = properties.topics().legacyChanges();
        this.translated = Counter.builder("ficus.adapter.inbound.translated")
                .description("Legacy row changes translated and published to the core").register(meters);
        this.echoes = Counter.builder("ficus.adapter.inbound.echoes.dropped")
                .description("Legacy row changes dropped because the adapter itself wrote them").register(meters);
    }

    /**
     * Translates one poll's worth of row changes, sends all translations at once and returns
     * when Kafka acknowledged every one: the consumer offsets are committed only then. A record
     * that can never be translated (unreadable, an unknown table or code) is reported by its
     * index once the translations before it were acknowledged, so the error handler sets it aside
     * and the rest of the poll follows; any other failure (the legacy database or Kafka away)
     * fails the whole poll, which is tried again.
     */
    @KafkaListener(id = "legacy-adapter-inbound", topics = "#{@inboundTopics}", batch = "true")
    void onRowChanges(List<ConsumerRecord<String, String>> records) throws InterruptedException, ExecutionException {
        List<RowChange> changes = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        PoisonAt poison = null;
        for (int i = 0; i < records.size() && poison == null; i++) {
            var record = records.get(i);
            if (record.value() != null) {
                try {
                    changes.add(RowChange.parse(json.readTree(record.value())));
                    indexes.add(i);
                } catch (RuntimeException e) {
                    poison = new PoisonAt(i, e);
                }
            }
        }
        Set<Long> own = marks.ownTransactions(changes.stream().filter(c -> !c.source().snapshot())
                .map(c -> c.source().txId()).collect(Collectors.toSet()));
        List<CompletableFuture<?>> sends = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            RowChange change = changes.get(i);
            LegacyChange event;
            try {
                event = translate(change, own);
            } catch (RuntimeException e) {
                if (SyncFailures.classify(e) != SyncFailures.Kind.POISON) {
                    throw e;
                }
                poison = new PoisonAt(indexes.get(i), e);
                break;
            }
            if (event != null) {
                sends.add(kafka.send(legacyChangesTopic, event.entityId().toString(), json.writeValueAsString(event)));
            }
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        translated.increment(sends.size());
        if (poison != null) {
            throw new BatchListenerFailedException("legacy row change cannot be translated",
                    new PoisonRecordException("cannot be translated", poison.failure()), poison.index());
        }
        retries.handled(records);
    }

    /** The first record of a poll that can never be translated. */
    private record PoisonAt(int index, RuntimeException failure) {
    }

    /** The canonical event of one raw row change; null for an echo of the adapter's own write. */
    LegacyChange translate(RowChange change, Set<Long> ownTransactions) {
        RowMapper mapper = mappers.get(change.table());
        if (mapper == null) {
            throw new UntranslatableRowException(change.table(), "belongs to a table without a translation");
        }
        if (!change.source().snapshot() && ownTransactions.contains(change.source().txId())) {
            echoes.increment();
            return null;
        }
        return mapper.map(change);
    }
}
