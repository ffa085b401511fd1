package io.ficus.legacy.seed;

import io.ficus.legacy.security.PasswordHasher;
import io.ficus.legacy.users.UserService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Fills the legacy database with a believable population through batched JDBC, in the schema's
 * own terms: users with their default project (admin membership, phases Backlog / In progress /
 * Done), shared projects with several members (about one in ten invitations still open) and 3–5
 * phases, tickets in random phases with 0–3 accepted members as assignees, about 5 % of tickets
 * flagged deleted. Creation times are spread over the past two years. Emails are
 * {@code first.last.<n>@s<random-seed>.seed.example}, so runs with different seeds never collide. Users are processed in
 * chunks of 1,000, each chunk committed on its own; progress is logged every few seconds.
 */
@Component
public class Seeder {

    private static final Logger log = LoggerFactory.getLogger(Seeder.class);
    private static final int CHUNK = 1000;
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances",
            "Edsger", "Radia", "Donald", "Sophie", "Tim", "Hedy", "John", "Katherine", "Niklaus", "Anita", "Bjarne"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie",
            "Allen", "Dijkstra", "Perlman", "Knuth", "Wilson", "Berners-Lee", "Lamarr", "Backus", "Johnson", "Wirth", "Borg", "Stroustrup"};
    private static final String[] TOPICS = {"Billing", "Onboarding", "Search", "Mobile app", "Reporting", "Checkout", "Data export",
            "Notifications", "Admin console", "API gateway", "Payments", "Inventory"};
    private static final String[] VERBS = {"Fix", "Add", "Refactor", "Document", "Investigate", "Speed up", "Remove", "Test"};
    private static final String[] THINGS = {"login timeout", "CSV export", "password reset", "invoice totals", "search ranking",
            "email template", "audit log", "rate limiter", "cache eviction", "date picker", "error page", "retry policy"};
    private static final String[] EXTRA_PHASES = {"Review", "Testing", "Blocked", "Ready", "Deployed"};

    private final DataSource dataSource;
    private final PasswordHasher hasher;

    Seeder(DataSource dataSource, PasswordHasher hasher) {
        this.dataSource = dataSource;
        this.hasher = hasher;
    }

    /** Seeds the population and reports what was inserted. */
    public SeedReport seed(SeedProperties population) {
        long start = System.nanoTime();
        Random random = new Random(population.randomSeed());
        String hash = hasher.hash(population.password());
        LocalDateTime origin = LocalDateTime.now(java.time.ZoneOffset.UTC).withNano(0).minusDays(730);
        long expected = expectedRows(population);
        Counts counts = new Counts();
        long lastLog = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Batches batches = new Batches(connection, population.batchSize(), counts)) {
                for (int from = 0; from < population.users(); from += CHUNK) {
                    int to = Math.min(population.users(), from + CHUNK);
                    seedChunk(batches, random, population, hash, origin, from, to);
                    batches.flushAll();
                    connection.commit();
                    if (System.nanoTime() - lastLog > Duration.ofSeconds(3).toNanos() || to == population.users()) {
                        lastLog = System.nanoTime();
                        double seconds = (lastLog - start) / 1e9;
                        log.info(String.format("seeding: %,d/%,d users, %,d rows (~%d%%), %,d rows/s", to, population.users(),
                                counts.total(), Math.min(100, counts.total() * 100 / Math.max(1, expected)),
                                Math.round(counts.total() / Math.max(0.001, seconds))));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed: " + e.getMessage(), e);
        }
        SeedReport report = new SeedReport(counts.users, counts.projects, counts.memberships, counts.phases, counts.tickets,
                Duration.ofNanos(System.nanoTime() - start));
        log.info(report.toString());
        return report;
    }

    private static long expectedRows(SeedProperties p) {
        long users = p.users();
        long shared = users / p.usersPerShared();
        return users * 6 + shared * (1 + 6 + 4) + users * p.ticketsPerUser();
    }

    private void seedChunk(Batches b, Random random, SeedProperties population, String hash, LocalDateTime origin, int from, int to)
            throws SQLException {
        int size = to - from;
        List<String> userIds = new ArrayList<>(size);
        List<LocalDateTime> joined = new ArrayList<>(size);
        List<ProjectPlan> plans = new ArrayList<>();
        long span = 730L * 24 * 3600;
        for (int i = from; i < to; i++) {
            String userId = uuid(random);
            LocalDateTime created = origin.plusSeconds(span * i / Math.max(1, population.users()));
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            b.user(userId, first + " " + last, (first + "." + last + "." + i + "@s" + population.randomSeed() + ".seed.example").toLowerCase(), hash, created);
            userIds.add(userId);
            joined.add(created);
            ProjectPlan own = new ProjectPlan(uuid(random), created);
            b.project(own.id, UserService.DEFAULT_PROJECT_NAME, null, created);
            b.membership(uuid(random), own.id, userId, (short) 1, (short) 1, created);
            own.members.add(userId);
            for (int position = 0; position < UserService.DEFAULT_PHASES.size(); position++) {
                String phaseId = uuid(random);
                b.phase(phaseId, own.id, UserService.DEFAULT_PHASES.get(position), position, created);
                own.phases.add(phaseId);
            }
            plans.add(own);
        }
        int sharedCount = size / population.usersPerShared();
        int firstShared = plans.size();
        for (int s = 0; s < sharedCount; s++) {
            int owner = random.nextInt(size);
            LocalDateTime created = joined.get(owner).plusHours(1 + random.nextInt(24 * 30));
            ProjectPlan shared = new ProjectPlan(uuid(random), created);
            b.project(shared.id, TOPICS[random.nextInt(TOPICS.length)] + " " + (from / CHUNK * sharedCount + s + 1),
                    "Shared project seeded for demos and benchmarks", created);
            b.membership(uuid(random), shared.id, userIds.get(owner), (short) 1, (short) 1, created);
            shared.members.add(userIds.get(owner));
            int members = 2 + random.nextInt(6);
            for (int m = 0; m < members; m++) {
                String member = userIds.get(random.nextInt(size));
                if (shared.members.contains(member) || shared.invited.contains(member)) {
                    continue;
                }
                boolean open = random.nextInt(10) == 0;
                short role = random.nextInt(5) == 0 ? (short) 1 : (short) 2;
                b.membership(uuid(random), shared.id, member, role, open ? (short) 0 : (short) 1, created.plusMinutes(m + 1));
                (open ? shared.invited : shared.members).add(member);
            }
            int phases = 3 + random.nextInt(3);
            for (int position = 0; position < phases; position++) {
                String name = position < 2 ? UserService.DEFAULT_PHASES.get(position)
                        : position == phases - 1 ? "Done" : EXTRA_PHASES[random.nextInt(EXTRA_PHASES.length)];
                String phaseId = uuid(random);
                b.phase(phaseId, shared.id, name, position, created);
                shared.phases.add(phaseId);
            }
            plans.add(shared);
        }
        long tickets = (long) size * population.ticketsPerUser();
        for (long t = 0; t < tickets; t++) {
            boolean toShared = sharedCount > 0 && random.nextBoolean();
            ProjectPlan plan = toShared ? plans.get(firstShared + random.nextInt(sharedCount)) : plans.get(random.nextInt(size));
            LocalDateTime created = plan.created.plusMinutes(1 + random.nextInt(60 * 24 * 60));
            int assigneeCount = random.nextInt(Math.min(3, plan.members.size()) + 1);
            StringJoiner assignees = new StringJoiner(";");
            List<String> pool = new ArrayList<>(plan.members);
            for (int a = 0; a < assigneeCount; a++) {
                assignees.add(pool.remove(random.nextInt(pool.size())));
            }
            String title = VERBS[random.nextInt(VERBS.length)] + " " + THINGS[random.nextInt(THINGS.length)];
            b.ticket(uuid(random), plan.id, plan.phases.get(random.nextInt(plan.phases.size())), title,
                    random.nextInt(3) == 0 ? null : "Seeded ticket: " + title.toLowerCase() + ".",
                    random.nextInt(4) == 0 ? created.plusDays(1 + random.nextInt(60)) : null,
                    assigneeCount == 0 ? null : assignees.toString(), created, random.nextInt(20) == 0);
        }
    }

    private static String uuid(Random random) {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    private static final class ProjectPlan {
        final String id;
        final LocalDateTime created;
        final List<String> members = new ArrayList<>();
        final List<String> invited = new ArrayList<>();
        final List<String> phases = new ArrayList<>();

        ProjectPlan(String id, LocalDateTime created) {
            this.id = id;
            this.created = created;
        }
    }

    private static final class Counts {
        long users;
        long projects;
        long memberships;
        long phases;
        long tickets;

        long total() {
            return users + projects + memberships + phases + tickets;
        }
    }

    /** One prepared statement per table, flushed every {@code batchSize} rows. */
    private static final class Batches implements AutoCloseable {
        private final int batchSize;
        private final Counts counts;
        private final PreparedStatement users;
        private final PreparedStatement projects;
        private final PreparedStatement memberships;
        private final PreparedStatement phases;
        private final PreparedStatement tickets;
        private final int[] pending = new int[5];

        Batches(Connection c, int batchSize, Counts counts) throws SQLException {
            this.batchSize = batchSize;
            this.counts = counts;
            users = c.prepareStatement("insert into USR_USER (USR_ID, USR_NAME, USR_EMAIL, USR_PWD_HASH, USR_CRT_TS, USR_UPD_TS, USR_DEL_FLG)"
                    + " values (?, ?, ?, ?, ?, ?, 'N')");
            projects = c.prepareStatement("insert into PRJ_PROJECT (PRJ_ID, PRJ_NAME, PRJ_DESC, PRJ_CRT_TS, PRJ_UPD_TS) values (?, ?, ?, ?, ?)");
            memberships = c.prepareStatement("insert into MBR_MEMBERSHIP (MBR_ID, PRJ_ID, USR_ID, MBR_ROLE_CD, MBR_STATE_CD, MBR_CRT_TS,"
                    + " MBR_UPD_TS) values (?, ?, ?, ?, ?, ?, ?)");
            phases = c.prepareStatement("insert into PHS_PHASE (PHS_ID, PRJ_ID, PHS_NAME, PHS_POS, PHS_CRT_TS, PHS_UPD_TS) values (?, ?, ?, ?, ?, ?)");
            tickets = c.prepareStatement("insert into TKT_TICKET (TKT_ID, PRJ_ID, PHS_ID, TKT_TITLE, TKT_DESC, TKT_DUE_TS, TKT_ASSIGNEES,"
                    + " TKT_CRT_TS, TKT_UPD_TS, TKT_DEL_FLG) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void user(String id, String name, String email, String hash, LocalDateTime created) throws SQLException {
            users.setString(1, id);
            users.setString(2, name);
            users.setString(3, email);
            users.setString(4, hash);
            users.setObject(5, created);
            users.setObject(6, created);
            add(users, 0);
            counts.users++;
        }

        void project(String id, String name, String description, LocalDateTime created) throws SQLException {
            projects.setString(1, id);
            projects.setString(2, name);
            projects.setString(3, description);
            projects.setObject(4, created);
            projects.setObject(5, created);
            add(projects, 1);
            counts.projects++;
        }

        void membership(String id, String projectId, String userId, short role, short state, LocalDateTime created) throws SQLException {
            memberships.setString(1, id);
            memberships.setString(2, projectId);
            memberships.setString(3, userId);
            memberships.setShort(4, role);
            memberships.setShort(5, state);
            memberships.setObject(6, created);
            memberships.setObject(7, created);
            add(memberships, 2);
            counts.memberships++;
        }

        void phase(String id, String projectId, String name, int position, LocalDateTime created) throws SQLException {
            phases.setString(1, id);
            phases.setString(2, projectId);
            phases.setString(3, name);
            phases.setInt(4, position);
            phases.setObject(5, created);
            phases.setObject(6, created);
            add(phases, 3);
            counts.phases++;
        }

        void ticket(String id, String projectId, String phaseId, String title, String description, LocalDateTime due, String assignees,
                    LocalDateTime created, boolean deleted) throws SQLException {
            tickets.setString(1, id);
            tickets.setString(2, projectId);
            tickets.setString(3, phaseId);
            tickets.setString(4, title);
            tickets.setString(5, description);
            tickets.setObject(6, due);
            tickets.setString(7, assignees);
            tickets.setObject(8, created);
            tickets.setObject(9, created);
            tickets.setString(10, deleted ? "Y" : "N");
            add(tickets, 4);
            counts.tickets++;
        }

        private void add(PreparedStatement statement, int index) throws SQLException {
            statement.addBatch();
            if (++pending[index] >= batchSize) {
                statement.executeBatch();
                pending[index] = 0;
            }
        }

        void flushAll() throws SQLException {
            PreparedStatement[] all = {users, projects, memberships, phases, tickets};
            for (int i = 0; i < all.length; i++) {
                if (pending[i] > 0) {
                    all[i].executeBatch();
                    pending[i] = 0;
                }
            }
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : new PreparedStatement[] {users, projects, memberships, phases, tickets}) {
                statement.close();
            }
        }
    }
}
