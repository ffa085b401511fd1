package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.GatewayIntegrationTest;
import io.ficus.gateway.catalog.Backend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ComparisonStoreTest extends GatewayIntegrationTest {

    @Autowired
    private ComparisonStore comparisons;

    private long save(String route, Verdict verdict) {
        return comparisons.save(new Comparison(0, route, "r", "GET", "/api/x", null, verdict, Backend.LEGACY, 200, 200, 1L, 2L,
                List.of(new Difference("$.a", "1", "2")), null, Map.of("Authorization", "***"), null, "{}", "{}"));
    }

    @Test
    void listsNewestFirstFilteredByRouteAndVerdict() {
        long first = save("store-a", Verdict.MATCH);
        long second = save("store-a", Verdict.MISMATCH);
        save("store-b", Verdict.MISMATCH);

        assertThat(comparisons.list("store-a", null, null, 10)).extracting(ComparisonSummary::id).containsExactly(second, first);
        assertThat(comparisons.list("store-a", Verdict.MISMATCH, null, 10)).extracting(ComparisonSummary::id).containsExactly(second);
        assertThat(comparisons.list("store-a", null, second, 10)).extracting(ComparisonSummary::id).containsExactly(first);
        assertThat(comparisons.find(second)).get().satisfies(c -> {
            assertThat(c.differences()).containsExactly(new Difference("$.a", "1", "2"));
            assertThat(c.requestHeaders()).containsEntry("Authorization", "***");
            assertThat(c.primary()).isEqualTo(Backend.LEGACY);
        });
    }

    @Test
    void keepsWhichSystemAnsweredTheClient() {
        long id = comparisons.save(new Comparison(0, "store-core", "r", "GET", "/api/x", null, Verdict.MATCH, Backend.CORE,
                200, 200, 1L, 2L, List.of(), null, Map.of(), null, "{}", "{}"));

        assertThat(comparisons.find(id)).get().extracting(Comparison::primary).isEqualTo(Backend.CORE);
        assertThat(comparisons.list("store-core", null, null, 1)).singleElement()
                .extracting(ComparisonSummary::primary).isEqualTo(Backend.CORE);
    }

    @Test
    void deletesComparisonsOlderThanTheRetention() {
        long old = save("store-old", Verdict.MATCH);
        long recent = save("store-old", Verdict.MATCH);
        jdbc.update("update comparison set recorded_at = now() - interval '30 days' where id = ?", old);

        comparisons.enforceRetention();

        assertThat(comparisons.find(old)).isEmpty();
        assertThat(comparisons.find(recent)).isPresent();
    }
}
