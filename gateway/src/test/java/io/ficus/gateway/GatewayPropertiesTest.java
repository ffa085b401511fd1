package io.ficus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewayPropertiesTest {

    private static GatewayProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ficus.gateway", GatewayProperties.class);
    }

    @Test
    void refusesToStartWithoutAdminCredentials() {
        assertThatThrownBy(() -> bind(Map.of()))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ficus.gateway.admin.username and ficus.gateway.admin.password must be set");
        assertThatThrownBy(() -> bind(Map.of("ficus.gateway.admin.username", "admin")))
                .rootCause().hasMessageContaining("must be set");
    }

    @Test
    void defaultsToTheSandboxPortsAndNeverPrintsThePassword() {
        GatewayProperties properties = bind(Map.of("ficus.gateway.admin.username", "admin",
                "ficus.gateway.admin.password", "s3cret"));

        assertThat(properties.legacyUrl()).hasToString("http://localhost:8081");
        assertThat(properties.coreUrl()).hasToString("http://localhost:8082");
        assertThat(properties.shadow().captureLimit().toBytes()).isEqualTo(1024 * 1024);
        assertThat(properties.toString()).doesNotContain("s3cret");
    }
}
