package io.ficus.legacy.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The demo and benchmark population, seeded at startup when {@code users} is above zero.
 *
 * @param users            how many users to create (each with a default project, admin membership
 *                         and three phases); 0 seeds nothing
 * @param ticketsPerUser   tickets per user on average, spread over default and shared projects
 * @param usersPerShared   one shared project (3–8 members, some invitations still open) per this many users
 * @param batchSize        rows per JDBC batch
 * @param password         the password of every seeded user (hashed once)
 * @param randomSeed       seed of the pseudo-random generator, so a population can be reproduced
 * @param onlyIfEmpty      seed only when the database holds no user yet
 * @param exitWhenDone     stop the application once seeding is done (a one-off command); false
 *                         keeps serving the API with the seeded data
 */
@ConfigurationProperties("ficus.seed")
public record SeedProperties(int users, Integer ticketsPerUser, Integer usersPerShared, Integer batchSize, String password,
                             Long randomSeed, Boolean onlyIfEmpty, Boolean exitWhenDone) {

    public SeedProperties {
        if (users < 0) {
            throw new IllegalArgumentException("ficus.seed.users must not be negative");
        }
        ticketsPerUser = ticketsPerUser == null ? 10 : ticketsPerUser;
        usersPerShared = usersPerShared == null ? 10 : Math.max(1, usersPerShared);
        batchSize = batchSize == null ? 5000 : Math.max(1, batchSize);
        password = password == null ? "ficus-seed" : password;
        randomSeed = randomSeed == null ? 42L : randomSeed;
        onlyIfEmpty = onlyIfEmpty == null || onlyIfEmpty;
        exitWhenDone = exitWhenDone == null || exitWhenDone;
    }

    /** The population for this many users, with every other setting at its default. */
    public static SeedProperties of(int users) {
        return new SeedProperties(users, null, null, null, null, null, false, false);
    }
}
