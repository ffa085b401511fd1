package io.ficus.core.ownership;

import io.ficus.core.shared.GatewaySecret;
import io.ficus.support.ownership.WriteGuardSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the write guard of the app-support library ({@link io.ficus.support.ownership.WriteGuard}) as the core,
 * keeping its state in {@code ownership_group}. A dry
 * run ({@code X-Ficus-Dry-Run: true}) passes: it changes nothing; any other value without the gateway's secret is refused
 * with 403 by the dry-run filter.
 */
@Configuration(proxyBeanMethods = false)
class OwnershipConfiguration {

    static final String DRY_RUN = io.ficus.contracts.Headers.DRY_RUN;
    static final String GATEWAY_SECRET = io.ficus.contracts.Headers.GATEWAY_SECRET;

    @Bean
    WriteGuardSettings writeGuardSettings(GatewaySecret secret) {
        return new WriteGuardSettings("core", "ownership_group", secret::matches, request -> {
            String dryRun = request.getHeader(DRY_RUN);
            return dryRun != null && ("true".equalsIgnoreCase(dryRun) || !secret.matches(request.getHeader(GATEWAY_SECRET)));
        });
    }
}
