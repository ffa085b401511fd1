package io.ficus.adapter.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

/** The application refuses to start with an admin API nobody configured, and the one-shot command needs no users. */
class AdminSecurityStartupTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Properties {
    }

    final WebApplicationContextRunner web = new WebApplicationContextRunner()
            .withUserConfiguration(Properties.class, AdminSecurityConfiguration.class, RetiredProperties.class);

    @Test
    void aWebServerWithoutUsersDoesNotStart() {
        web.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("ficus.security.users").hasMessageContaining("at least one user"));
    }

    @Test
    void aPasswordInClearStopsTheStart() {
        web.withPropertyValues("ficus.security.users[0].name=admin", "ficus.security.users[0].password={noop}sandbox-admin",
                "ficus.security.users[0].roles=OPERATOR").run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("ficus.security.users[0].password").hasMessageContaining("{noop}")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sandbox-admin")));
    }

    @Test
    void theRetiredSharedAccountStopsTheStartNamingItsReplacement() {
        new ApplicationContextRunner().withUserConfiguration(RetiredProperties.class)
                .withPropertyValues("ficus.adapter.admin.password=old-secret")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("ficus.adapter.admin.password").hasMessageContaining("ficus.security.users")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("old-secret")));
    }

    @Test
    void withoutAWebServerNoUserIsNeeded() {
        new ApplicationContextRunner().withUserConfiguration(Properties.class, AdminSecurityConfiguration.class, RetiredProperties.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SecurityFilterChain.class);
                });
    }
}
