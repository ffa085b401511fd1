package io.ficus.support.ownership;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The write guard, installed where the application says who it is with a {@link WriteGuardSettings} bean: the guard
 * itself, the filter that enforces it, and the gateway's ownership API ({@code /ficus/ownership}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(WriteGuardSettings.class)
@EnableConfigurationProperties(OwnershipProperties.class)
public class WriteGuardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WriteGuard writeGuard(WriteGuardSettings settings, JdbcTemplate jdbc, JsonMapper json, MeterRegistry meters,
                          OwnershipProperties properties) {
        return new WriteGuard(settings, jdbc, json, meters, properties.drainTimeout());
    }

    /**
     * After the request limits (a request refused there never counts), before the request id and the core's unit of
     * work, so a write counts in flight until its transaction and follow-ups ended.
     */
    @Bean
    FilterRegistrationBean<OwnershipFilter> ownershipFilter(WriteGuard guard, WriteGuardSettings settings, JsonMapper json,
                                                            OwnershipProperties properties) {
        var registration = new FilterRegistrationBean<>(new OwnershipFilter(guard, settings.exempt(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        registration.setEnabled(properties.enforce());
        if (!properties.enforce()) {
            LoggerFactory.getLogger(WriteGuardAutoConfiguration.class).warn("ficus.ownership.enforce is off: this application"
                    + " accepts writes of every group, whoever owns them (only for tests that write into both systems)");
        }
        return registration;
    }

    @Bean
    OwnershipController ownershipController(WriteGuard guard, WriteGuardSettings settings, OwnershipProperties properties,
                                            JsonMapper json) {
        return new OwnershipController(guard, settings.gatewaySecret(), properties, json);
    }
}
