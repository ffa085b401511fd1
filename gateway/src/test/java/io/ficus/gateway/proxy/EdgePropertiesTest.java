package io.ficus.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class EdgePropertiesTest {

    private static EdgeProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ficus.gateway", EdgeProperties.class);
    }

    @Test
    void defaultsToA1MegabyteBodyA10SecondBodyPauseAndA20SecondHead() {
        EdgeProperties edge = bind(Map.of());

        assertThat(edge.maxRequestBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(edge.requestBodyTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(edge.requestHeaderTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        assertThatThrownBy(() -> bind(Map.of("ficus.gateway.request-body-timeout", "0s")))
                .rootCause().hasMessageContaining("must be positive");
    }
}
