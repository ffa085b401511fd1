package io.ficus.gateway.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewaySecretTest {

    private static GatewaySecret bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ficus.security", GatewaySecret.class);
    }

    @Test
    void refusesToStartWithoutASecret() {
        assertThatThrownBy(() -> bind(Map.of()))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ficus.security.gateway-secret must be set");
    }

    @Test
    void refusesASecretShorterThan32Characters() {
        assertThatThrownBy(() -> bind(Map.of("ficus.security.gateway-secret", "x".repeat(31))))
                .rootCause().hasMessageContaining("at least 32 characters");
    }

    @Test
    void neverPrintsTheSecret() {
        GatewaySecret secret = bind(Map.of("ficus.security.gateway-secret", "s3cret-".repeat(5)));

        assertThat(secret.gatewaySecret()).isEqualTo("s3cret-".repeat(5));
        assertThat(secret.toString()).doesNotContain("s3cret");
    }
}
