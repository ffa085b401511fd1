package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonDiffTest {

    private static final JsonMapper json = JsonMapper.builder().build();

    private static List<Difference> diff(List<String> ignore, boolean unordered, String legacy, String core) {
        return new JsonDiff(ignore, unordered).diff(tree(legacy), tree(core));
    }

    private static JsonNode tree(String text) {
        return json.readTree(text);
    }

    @Test
    void findsNoDifferenceInDocumentsWhoseFieldsAreInAnotherOrder() {
        assertThat(diff(List.of(), false, "{\"a\":1,\"b\":{\"c\":[1,2]}}", "{\"b\":{\"c\":[1,2]},\"a\":1}")).isEmpty();
    }

    @Test
    void reportsChangedMissingAndExtraValuesByPath() {
        assertThat(diff(List.of(), false, "{\"a\":1,\"b\":[{\"c\":\"x\"}],\"gone\":true}", "{\"a\":2,\"b\":[{\"c\":\"y\"}],\"new\":null}"))
                .containsExactly(
                        new Difference("$.a", "1", "2"),
                        new Difference("$.b[0].c", "\"x\"", "\"y\""),
                        new Difference("$.gone", "true", null),
                        new Difference("$.new", null, "null"));
    }

    @Test
    void comparesNumbersByValue() {
        assertThat(diff(List.of(), false, "{\"n\":1.0,\"m\":100}", "{\"n\":1,\"m\":1e2}")).isEmpty();
    }

    @Test
    void ignoresPathsWithWildcards() {
        List<String> ignore = List.of("$.id", "$.items[*].createdAt", "$..version");
        String legacy = "{\"id\":1,\"items\":[{\"createdAt\":\"a\",\"n\":1}],\"deep\":{\"x\":{\"version\":1}}}";
        String core = "{\"id\":2,\"items\":[{\"createdAt\":\"b\",\"n\":1}],\"deep\":{\"x\":{\"version\":7}}}";

        assertThat(diff(ignore, false, legacy, core)).isEmpty();
    }

    @Test
    void ignoresFieldsOfEveryElementOfATopLevelArray() {
        assertThat(diff(List.of("$[*].id"), false, "[{\"id\":1,\"n\":\"a\"}]", "[{\"id\":2,\"n\":\"a\"}]")).isEmpty();
    }

    @Test
    void comparesArraysByPositionUnlessUnordered() {
        assertThat(diff(List.of(), false, "[1,2,3]", "[3,2,1]")).hasSize(2);
        assertThat(diff(List.of(), true, "[1,2,3]", "[3,2,1]")).isEmpty();
        assertThat(diff(List.of(), true, "[1,2,2]", "[1,2,3]")).hasSize(1);
    }

    @Test
    void splitsIgnorePatternsIntoSegments() {
        assertThat(JsonDiff.tokens("$.a[*].b..c")).containsExactly("a", "*", "b", "**", "c");
        assertThat(JsonDiff.tokens("$['x'][0]")).containsExactly("x", "0");
    }
}
