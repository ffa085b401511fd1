package io.ficus.core.ownership;

import io.ficus.core.shared.GatewaySecret;
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
    Ownership ownership(JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters, OwnershipProperties properties) {
        return new Ownership(jdbc, json, meters, properties.drainTimeout());
    }

    /**
     * After the request limits (a request refused there never counts), before the request id and the unit of work, so
     * a write counts in flight until its follow-ups ran too.
     */
    @Bean
    FilterRegistrationBean<OwnershipFilter> ownershipFilter(Ownership ownership, GatewaySecret secret, JsonMapper json,
                                                            OwnershipProperties properties) {
        var registration = new FilterRegistrationBean<>(new OwnershipFilter(ownership, secret, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        registration.setEnabled(properties.enforce());
        if (!properties.enforce()) {
            LoggerFactory.getLogger(OwnershipConfiguration.class).warn("ficus.ownership.enforce is off: this application"
                    + " accepts writes of every group, whoever owns them (only for tests that write into both systems)");
        }
        return registration;
    }
}
