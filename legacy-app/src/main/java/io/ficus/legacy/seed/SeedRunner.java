package io.ficus.legacy.seed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The seeding command: active when {@code ficus.seed.users} is above zero, it seeds once the
 * schema is migrated, prints the rows per second, and stops the application unless
 * {@code ficus.seed.exit-when-done=false}.
 */
@Component
@ConditionalOnExpression("${ficus.seed.users:0} > 0")
class SeedRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedRunner.class);

    private final Seeder seeder;
    private final SeedProperties properties;
    private final JdbcTemplate jdbc;
    private final ConfigurableApplicationContext context;

    SeedRunner(Seeder seeder, SeedProperties properties, JdbcTemplate jdbc, ConfigurableApplicationContext context) {
        this.seeder = seeder;
        this.properties = properties;
        this.jdbc = jdbc;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer existing = jdbc.queryForObject("select count(*) from USR_USER", Integer.class);
        if (properties.onlyIfEmpty() && existing != null && existing > 0) {
            log.info("seeding skipped: the database already holds {} users (set ficus.seed.only-if-empty=false to add more)", existing);
        } else {
            SeedReport report = seeder.seed(properties);
            System.out.println(report);
        }
        if (properties.exitWhenDone()) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
