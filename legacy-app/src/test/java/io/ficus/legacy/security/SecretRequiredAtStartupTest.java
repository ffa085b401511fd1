package io.ficus.legacy.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ficus.legacy.LegacyApplication;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The legacy has no default signing key: without one, or with a short one, it does not start, and says why. */
class SecretRequiredAtStartupTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Secrets {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Secrets.class);

    @Test
    void refusesToStartWithoutAJwtSecret() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("ficus.security.jwt-secret must be at least 32 bytes"));
    }

    @Test
    void refusesToStartWithAJwtSecretShorterThan32Bytes() {
        runner.withPropertyValues("ficus.security.jwt-secret=0123456789012345678901234567890").run(context -> assertThat(context)
                .hasFailed().getFailure().rootCause().hasMessageContaining("ficus.security.jwt-secret must be at least 32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("0123456789012345678901234567890")));
    }

    @Test
    void startsWithA32ByteSecret() {
        runner.withPropertyValues("ficus.security.jwt-secret=01234567890123456789012345678901")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void theApplicationsOwnConfigurationHasNoDefaultSecret() throws Exception {
        String yml = new String(LegacyApplication.class.getResourceAsStream("/application.yml").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(yml).doesNotContain("jwt-secret:");
    }
}
