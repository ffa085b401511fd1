package io.ficus.legacy.ownership;

import io.ficus.support.ownership.WriteGuardSettings;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the write guard of the app-support library as the legacy application, keeping its state in {@code ficus_ownership}. */
@Configuration(proxyBeanMethods = false)
class OwnershipConfiguration {

    @Bean
    WriteGuardSettings writeGuardSettings(GatewaySecret secret) {
        if (!secret.configured()) {
            LoggerFactory.getLogger(OwnershipConfiguration.class).warn("ficus.security.gateway-secret is not set: the"
                    + " gateway cannot push write ownership here, so this application keeps the ownership it recorded"
                    + " last (every group, at first) and flips that move a group's writes away from it are refused");
        }
        return new WriteGuardSettings("legacy", "ficus_ownership", secret::matches);
    }
}
