package io.ficus.core.shared;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The legacy's notion of time: local date-times in UTC, to the second. Stored values carry no
 * fractions, so what the API shows ({@code yyyy-MM-dd'T'HH:mm:ss}) is exactly what is stored and
 * lists ordered by creation time then id can be reproduced from API output alone.
 */
public final class Timestamps {

    /** The pattern of every timestamp in and out of the API. */
    public static final String PATTERN = "yyyy-MM-dd'T'HH:mm:ss";

    private static final Clock UTC = Clock.systemUTC();

    private Timestamps() {
    }

    public static LocalDateTime now() {
        return LocalDateTime.now(UTC).truncatedTo(ChronoUnit.SECONDS);
    }
}
