package io.ficus.legacy.seed;

import java.time.Duration;

/**
 * What a seeding run inserted, and how fast.
 *
 * @param users       USR_USER rows
 * @param projects    PRJ_PROJECT rows
 * @param memberships MBR_MEMBERSHIP rows
 * @param phases      PHS_PHASE rows
 * @param tickets     TKT_TICKET rows
 * @param elapsed     wall-clock time
 */
public record SeedReport(long users, long projects, long memberships, long phases, long tickets, Duration elapsed) {

    public long rows() {
        return users + projects + memberships + phases + tickets;
    }

    public long rowsPerSecond() {
        return Math.round(rows() / Math.max(0.001, elapsed.toNanos() / 1e9));
    }

    @Override
    public String toString() {
        return String.format("seeded %,d rows (%,d users, %,d projects, %,d memberships, %,d phases, %,d tickets) in %.1f s: %,d rows/s",
                rows(), users, projects, memberships, phases, tickets, elapsed.toMillis() / 1000.0, rowsPerSecond());
    }
}
