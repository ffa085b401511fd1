package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("password", "Token"));
    private final Redactor patterns = new Redactor(List.of(".*password.*", ".*token.*", ".*secret.*"));

    @Test
    void masksCredentialAndCookieHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Authorization", "Bearer x");
        headers.set("Cookie", "a=b");
        headers.set("Set-Cookie", "c=d");
        headers.set("X-Request-Id", "r1");

        assertThat(redactor.headers(headers))
                .containsEntry("Authorization", "***")
                .containsEntry("Cookie", "***")
                .containsEntry("Set-Cookie", "***")
                .containsEntry("X-Request-Id", "r1");
    }

    @Test
    void masksTheGatewaySecretAndHeadersWithASecretName() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Ficus-Gateway-Secret", "s");
        headers.set("X-Csrf-Token", "t");
        headers.set("Accept", "application/json");

        assertThat(patterns.headers(headers))
                .containsEntry("X-Ficus-Gateway-Secret", "***")
                .containsEntry("X-Csrf-Token", "***")
                .containsEntry("Accept", "application/json");
    }

    @Test
    void masksConfiguredFieldsAtAnyDepthWhateverTheirCase() {
        String body = "{\"password\":\"p\",\"users\":[{\"token\":\"t\",\"name\":\"n\"}]}";

        assertThat(redactor.body(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"password\":\"***\",\"users\":[{\"token\":\"***\",\"name\":\"n\"}]}");
    }

    @Test
    void masksEveryFieldWhoseNameMatchesAPattern() {
        String body = "{\"newPassword\":\"a\",\"accessToken\":\"b\",\"PASSWORD_CONFIRMATION\":\"c\",\"clientSecret\":\"d\","
                + "\"title\":\"e\"}";

        assertThat(patterns.body(body.getBytes(StandardCharsets.UTF_8), "application/json"))
                .isEqualTo("{\"newPassword\":\"***\",\"accessToken\":\"***\",\"PASSWORD_CONFIRMATION\":\"***\","
                        + "\"clientSecret\":\"***\",\"title\":\"e\"}");
    }

    @Test
    void decodesABodyWithTheCharsetItDeclares() {
        byte[] latin1 = "{\"name\":\"Jürgen\",\"password\":\"Pässwort\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(patterns.body(latin1, "application/json;charset=ISO-8859-1"))
                .isEqualTo("{\"name\":\"Jürgen\",\"password\":\"***\"}");
    }

    @Test
    void masksASecretEvenWhenTheDeclaredCharsetIsWrong() {
        byte[] latin1 = "{\"password\":\"Pässwort-42\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(patterns.body(latin1, "application/json")).doesNotContain("wort-42").contains("***");
    }

    @Test
    void storesAPlaceholderForAnUnparseableBodyThatMentionsASecret() {
        byte[] broken = "{\"password\":\"hunter2\",".getBytes(StandardCharsets.UTF_8);

        assertThat(patterns.body(broken, "application/json"))
                .isEqualTo("(unparseable body of " + broken.length + " bytes, not stored: it may hold a secret)");
    }

    @Test
    void masksSecretFieldsOfAFormBody() {
        byte[] form = "user=a&password=hunter2&remember=1".getBytes(StandardCharsets.UTF_8);

        assertThat(patterns.body(form, "application/x-www-form-urlencoded"))
                .isEqualTo("user=a&password=***&remember=1");
    }

    @Test
    void neverStoresAnEncodedRequestBody() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Content-Encoding", "gzip");

        assertThat(patterns.requestBody(new byte[] {31, -117, 8, 0}, headers)).isEqualTo("(gzip-encoded body of 4 bytes, not stored)");
    }

    @Test
    void masksSecretQueryParameters() {
        assertThat(patterns.pathAndQuery("/api/x?access_token=abc&q=1&%70assword=p&bad=%ZZ"))
                .isEqualTo("/api/x?access_token=***&q=1&%70assword=***&bad=%ZZ");
        assertThat(patterns.pathAndQuery("/api/x")).isEqualTo("/api/x");
    }

    @Test
    void masksDifferencesUnderASecretPathAndSecretsInsideValues() {
        List<Difference> redacted = patterns.differences(List.of(
                new Difference("$.refreshToken", "\"a\"", "\"b\""),
                new Difference("$.tokens.abc123", "1", null),
                new Difference("$.user", "{\"name\":\"n\",\"password\":\"p\"}", null),
                new Difference("body", "(not JSON) password=hunter2", "(empty)"),
                new Difference("header:Set-Cookie", "s=1", "s=2"),
                new Difference("$.title", "\"a\"", "\"b\"")));

        assertThat(redacted).containsExactly(
                new Difference("$.refreshToken", "***", "***"),
                new Difference("$.tokens.***", "***", null),
                new Difference("$.user", "{\"name\":\"n\",\"password\":\"***\"}", null),
                new Difference("body", "***", "(empty)"),
                new Difference("header:Set-Cookie", "***", "***"),
                new Difference("$.title", "\"a\"", "\"b\""));
    }

    @Test
    void keepsNonJsonBodiesAsTextAndBoundsTheirSize() {
        assertThat(redactor.body("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello");
        assertThat(redactor.body(new byte[0])).isNull();
        assertThat(redactor.body("x".repeat(Redactor.STORED_BODY_CHARS + 10).getBytes(StandardCharsets.UTF_8)))
                .endsWith("...(truncated)");
    }
}
