package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.catalog.RouteSpec;
import io.ficus.gateway.catalog.Mode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class ComparerTest {

    private final RouteCatalog catalog = new RouteCatalog(List.of(
            new RouteSpec("r", List.of("GET"), "/api/r", "g", Mode.LEGACY, 0, false, null, List.of("$.at"), false)));
    private final Comparer comparer = new Comparer(List.of("Content-Type"));

    private static Answer answer(int status, String contentType, String body) {
        HttpHeaders headers = new HttpHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        return new Answer(status, headers, body.getBytes(StandardCharsets.UTF_8), false, 1);
    }

    private Outcome compare(Answer legacy, Answer core) {
        return comparer.compare(catalog.route("r").orElseThrow(), legacy, core);
    }

    @Test
    void matchesEqualAnswersIgnoringConfiguredPathsAndMediaTypeParameters() {
        Outcome outcome = compare(answer(200, "application/json", "{\"a\":1,\"at\":\"x\"}"),
                answer(200, "application/json;charset=UTF-8", "{\"a\":1,\"at\":\"y\"}"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void reportsDifferentStatusAndContentType() {
        Outcome outcome = compare(answer(404, "application/json", "{}"), answer(400, "text/plain", "{}"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(outcome.differences()).extracting(Difference::path).containsExactly("status", "header:Content-Type");
    }

    @Test
    void callsAServerErrorOnOneSideAnError() {
        assertThat(compare(answer(200, null, "{}"), answer(503, null, "{}")).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(compare(answer(500, null, "{}"), answer(500, null, "{}")).verdict()).isEqualTo(Verdict.MATCH);
    }

    @Test
    void comparesNonJsonBodiesByteForByte() {
        assertThat(compare(answer(200, null, "plain"), answer(200, null, "plain")).verdict()).isEqualTo(Verdict.MATCH);
        assertThat(compare(answer(200, null, "plain"), answer(200, null, "other")).differences())
                .singleElement().satisfies(d -> assertThat(d.path()).isEqualTo("body"));
    }
}
