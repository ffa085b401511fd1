package io.ficus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class GatewayPropertiesTest {

    private static GatewayProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ficus.gateway", GatewayProperties.class);
    }

    @Test
    void defaultsToTheSandboxPorts() {
        GatewayProperties properties = bind(Map.of());

        assertThat(properties.legacyUrl()).hasToString("http://localhost:8081");
        assertThat(properties.coreUrl()).hasToString("http://localhost:8082");
        assertThat(properties.shadow().captureLimit().toBytes()).isEqualTo(1024 * 1024);
    }
}
