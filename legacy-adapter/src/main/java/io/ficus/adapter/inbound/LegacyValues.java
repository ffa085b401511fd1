package io.ficus.adapter.inbound;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Decoding of legacy column values as Debezium renders them: {@code TIMESTAMP} columns as
 * microseconds since the epoch of the local date-time read as UTC, delete flags as
 * {@code 'Y'}/{@code 'N'}, ids as strings, assignees as a {@code ;}-joined list.
 */
final class LegacyValues {

    private LegacyValues() {
    }

    static UUID uuid(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() ? null : UUID.fromString(value.asString().trim());
    }

    static String text(JsonNode row, String column) {
        JsonNode value = row.get(column);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** A legacy {@code TIMESTAMP} (no zone) as the local date-time it holds, whole seconds. */
    static LocalDateTime timestamp(JsonNode row, String column) {
        JsonNode value = row.get(column);
        if (value == null || value.isNull()) {
            return null;
        }
        long micros = value.asLong();
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                (int) Math.floorMod(micros, 1_000_000L) * 1_000, ZoneOffset.UTC).withNano(0);
    }

    static boolean deleted(JsonNode row, String flagColumn) {
        return "Y".equalsIgnoreCase(String.valueOf(text(row, flagColumn)).trim());
    }

    /** {@code "a;b;;c"} becomes {@code [a, b, c]}; null or blank becomes an empty list. */
    static List<UUID> idList(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(";"))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(UUID::fromString)
                .toList();
    }
}
