package io.ficus.legacy.ownership;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The ownership of route groups' writes and its enforcement. */
@Configuration(proxyBeanMethods = false)
class OwnershipConfiguration {

    @Bean
    Ownership ownership(GatewaySecret secret, JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters, OwnershipProperties properties) {
        if (!secret.configured()) {
            LoggerFactory.getLogger(OwnershipConfiguration.class).warn("ficus.security.gateway-secret is not set: the"
                    + " gateway cannot push write ownership here, so this application keeps the ownership it recorded"
                    + " last (every group, at first) and flips that move a group's writes away from it are refused");
        }
        return new Ownership(jdbc, json, meters, properties.drainTimeout());
    }

    /** After the request limits (a request refused there never counts); a write counts in flight until it committed. */
    @Bean
    FilterRegistrationBean<OwnershipFilter> ownershipFilter(Ownership ownership, GatewaySecret secret, JsonMapper json,
                                                            OwnershipProperties properties) {
        var registration = new FilterRegistrationBean<>(new OwnershipFilter(ownership, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        registration.setEnabled(properties.enforce());
        if (!properties.enforce()) {
            LoggerFactory.getLogger(OwnershipConfiguration.class).warn("ficus.ownership.enforce is off: this application"
                    + " accepts writes of every group, whoever owns them (only for tests that write into both systems)");
        }
        return registration;
    }
}
