package io.ficus.legacy.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.ApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;

class SeederTest extends ApiTest {

    @Autowired
    Seeder seeder;

    @Test
    void seedsAConsistentPopulationThatTheApiServes() {
        SeedReport report = seeder.seed(new SeedProperties(300, 10, 10, 500, "ficus-seed", 7L, false, false));
        assertThat(report.users()).isEqualTo(300);
        assertThat(report.tickets()).isEqualTo(3000);
        assertThat(report.projects()).isEqualTo(330);
        assertThat(report.rowsPerSecond()).isPositive();
        assertThat(count("select count(*) from USR_USER where USR_EMAIL like '%@s7.seed.example'")).isEqualTo(300);
        // every live assignee is an accepted member of the ticket's project
        assertThat(count("""
                select count(*) from TKT_TICKET t, unnest(string_to_array(t.TKT_ASSIGNEES, ';')) a(USR_ID)
                where t.TKT_DEL_FLG = 'N' and not exists (select 1 from MBR_MEMBERSHIP m
                  where m.PRJ_ID = t.PRJ_ID and m.USR_ID = a.USR_ID and m.MBR_STATE_CD = 1)""")).isZero();
        // phase positions are 0..n-1 in every project
        assertThat(count("""
                select count(*) from (select PRJ_ID, count(*) n, min(PHS_POS) lo, max(PHS_POS) hi, count(distinct PHS_POS) d
                from PHS_PHASE group by PRJ_ID) p where p.lo <> 0 or p.hi <> p.n - 1 or p.d <> p.n""")).isZero();
        // every project keeps an accepted admin
        assertThat(count("""
                select count(*) from PRJ_PROJECT p where not exists (select 1 from MBR_MEMBERSHIP m
                  where m.PRJ_ID = p.PRJ_ID and m.MBR_ROLE_CD = 1 and m.MBR_STATE_CD = 1)""")).isZero();

        String email = jdbc.queryForObject("select USR_EMAIL from USR_USER where USR_EMAIL like '%@s7.seed.example' limit 1", String.class);
        String token = post("/api/login", null, json.createObjectNode().put("email", email).put("password", "ficus-seed"))
                .expect(200).text("token");
        var projects = call("GET", "/api/projects", token, null).expect(200).body();
        assertThat(projects.size()).isPositive();
        call("GET", "/api/projects/" + projects.get(0).path("id").asString() + "/tickets", token, null).expect(200);
        call("GET", "/api/users/me/tickets", token, null).expect(200);
    }

    /** Run with {@code -Dficus.seed.benchmark.users=60000} for a population of about a million rows. */
    @Test
    @EnabledIfSystemProperty(named = "ficus.seed.benchmark.users", matches = "\\d+")
    void benchmark() {
        int users = Integer.parseInt(System.getProperty("ficus.seed.benchmark.users"));
        SeedReport report = seeder.seed(new SeedProperties(users, 10, 10, 5000, "ficus-seed", 11L, false, false));
        System.out.println("BENCHMARK " + report);
        assertThat(report.users()).isEqualTo(users);
    }
}
