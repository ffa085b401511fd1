package io.ficus.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one-shot {@code reconcile} command serves no HTTP, so it needs no admin users (see AdminSecurityStartupTest). */
class CommandLineTest {

    @Test
    void theReconcileCommandRunsWithoutAWebServer() {
        assertThat(LegacyAdapterApplication.commandLine(new String[] {"reconcile", "full", "--repair"}))
                .contains("--repair", "--ficus.adapter.reconcile-and-exit=full", "--spring.main.web-application-type=none");
        assertThat(LegacyAdapterApplication.commandLine(new String[] {"--server.port=8084"})).containsExactly("--server.port=8084");
    }
}
