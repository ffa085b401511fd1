package io.ficus.legacy;

import io.ficus.testkit.TestHttp;
import io.ficus.testkit.races.CrossAggregateRaces;
import java.time.Duration;

/**
 * The reference for the new core: every rule that spans aggregates holds under concurrent requests (the legacy
 * serialises them on the project's row). The rounds are {@link CrossAggregateRaces}, which the core's race test runs
 * too; every exchange is checked against the OpenAPI document ({@link ContractCheck}).
 */
class CrossAggregateRaceTest extends ApiTest implements CrossAggregateRaces {

    @Override
    public TestHttp http() {
        return TestHttp.to(port).timeout(Duration.ofSeconds(60)).recording(ContractCheck::check);
    }

    @Override
    public long ticketsInMissingPhases(String projectId) {
        return count("select count(*) from TKT_TICKET t where t.PRJ_ID = ? and t.TKT_DEL_FLG = 'N'"
                + " and not exists (select 1 from PHS_PHASE p where p.PHS_ID = t.PHS_ID)", projectId);
    }

    @Override
    public long assigneesWhoAreNotMembers(String projectId) {
        return count("select count(*) from TKT_TICKET t cross join unnest(string_to_array(t.TKT_ASSIGNEES, ';')) a(user_id)"
                + " where t.PRJ_ID = ? and t.TKT_DEL_FLG = 'N' and not exists (select 1 from MBR_MEMBERSHIP m"
                + " where m.PRJ_ID = t.PRJ_ID and m.USR_ID = a.user_id and m.MBR_STATE_CD = 1)", projectId);
    }

    @Override
    public long ticketsOf(String[] projectIds) {
        return count("select count(*) from TKT_TICKET where TKT_DEL_FLG = 'N' and PRJ_ID = any(?)", (Object) projectIds);
    }

    @Override
    public long phasesOf(String[] projectIds) {
        return count("select count(*) from PHS_PHASE where PRJ_ID = any(?)", (Object) projectIds);
    }

    @Override
    public long membershipsOf(String[] projectIds) {
        return count("select count(*) from MBR_MEMBERSHIP where PRJ_ID = any(?)", (Object) projectIds);
    }

    @Override
    public long projectsWithoutAnAdmin(String[] projectIds) {
        return count("select count(*) from PRJ_PROJECT p where p.PRJ_ID = any(?) and not exists (select 1"
                + " from MBR_MEMBERSHIP m where m.PRJ_ID = p.PRJ_ID and m.MBR_ROLE_CD = 1 and m.MBR_STATE_CD = 1)",
                (Object) projectIds);
    }
}
