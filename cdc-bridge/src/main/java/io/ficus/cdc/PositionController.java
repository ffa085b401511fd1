package io.ficus.cdc;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ficus/position}: how far the bridge has published, read-only. Answers the newest
 * heartbeat-table row of each id that Kafka acknowledged, e.g.
 * {@code {"heartbeats":{"1":{...},"2":{"value":"2026-12-01T18:40:00.000123Z","lsn":..,"txId":..,"acknowledgedAt":..}}}};
 * legacy-adapter's sync fence reads row 2. Holds no row data of the legacy tables.
 */
@RestController
class PositionController {

    /** The answer: acknowledged heartbeat rows by id. */
    record Position(Map<Integer, AcknowledgedHeartbeats.Row> heartbeats) {
    }

    private final AcknowledgedHeartbeats heartbeats;

    PositionController(AcknowledgedHeartbeats heartbeats) {
        this.heartbeats = heartbeats;
    }

    @GetMapping("/ficus/position")
    Position position() {
        return new Position(heartbeats.rows());
    }
}
