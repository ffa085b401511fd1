package io.ficus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.core.shared.GatewaySecret;
import io.ficus.core.users.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The core has no default secrets: without them, or with short ones, it does not start, and says why. */
class SecretsRequiredAtStartupTest {

    static final String JWT = "a-jwt-signing-key-of-at-least-32-bytes-0123";
    static final String GATEWAY = "a-gateway-secret-of-at-least-32-chars-0123";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({SecurityProperties.class, GatewaySecret.class})
    static class Secrets {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Secrets.class);

    @Test
    void refusesToStartWithoutAJwtSecret() {
        runner.withPropertyValues("ficus.security.gateway-secret=" + GATEWAY).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ficus.security.jwt-secret must be at least 32 bytes"));
    }

    @Test
    void refusesToStartWithAJwtSecretShorterThan32Bytes() {
        runner.withPropertyValues("ficus.security.gateway-secret=" + GATEWAY, "ficus.security.jwt-secret=0123456789012345678901234567890")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ficus.security.jwt-secret must be at least 32 bytes")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123456789012345678901234567890")));
    }

    @Test
    void refusesToStartWithoutAGatewaySecretOrWithAShortOne() {
        runner.withPropertyValues("ficus.security.jwt-secret=" + JWT).run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ficus.security.gateway-secret must be set to at least 32 characters"));
        runner.withPropertyValues("ficus.security.jwt-secret=" + JWT, "ficus.security.gateway-secret=short-secret")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ficus.security.gateway-secret must be set to at least 32 characters")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret")));
    }

    @Test
    void startsWithBoth() {
        runner.withPropertyValues("ficus.security.jwt-secret=" + JWT, "ficus.security.gateway-secret=" + GATEWAY)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theApplicationsOwnConfigurationHasNoDefaultSecret() throws Exception {
        String yml = new String(CoreApplication.class.getResourceAsStream("/application.yml").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(yml).doesNotContain("jwt-secret:").doesNotContain("gateway-secret:");
    }
}
