package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("password", "Token"));

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
    void masksConfiguredFieldsAtAnyDepthWhateverTheirCase() {
        String body = "{\"password\":\"p\",\"users\":[{\"token\":\"t\",\"name\":\"n\"}]}";

        assertThat(redactor.body(body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("{\"password\":\"***\",\"users\":[{\"token\":\"***\",\"name\":\"n\"}]}");
    }

    @Test
    void keepsNonJsonBodiesAsTextAndBoundsTheirSize() {
        assertThat(redactor.body("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo("hello");
        assertThat(redactor.body(new byte[0])).isNull();
        assertThat(redactor.body("x".repeat(Redactor.STORED_BODY_CHARS + 10).getBytes(StandardCharsets.UTF_8)))
                .endsWith("...(truncated)");
    }
}
