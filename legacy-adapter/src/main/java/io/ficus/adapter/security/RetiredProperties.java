package io.ficus.adapter.security;

import java.util.List;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Refuses to start while the single shared account of old ({@code ficus.adapter.admin.*}) is
 * still configured, so nobody believes it still protects anything.
 */
@Configuration(proxyBeanMethods = false)
class RetiredProperties implements EnvironmentAware {

    static final List<String> RETIRED = List.of("ficus.adapter.admin.username", "ficus.adapter.admin.password");

    @Override
    public void setEnvironment(Environment environment) {
        for (String property : RETIRED) {
            if (environment.getProperty(property) != null) {
                throw new InvalidConfigurationPropertyValueException(property, "(hidden)",
                        "the shared admin account is gone: configure named users with roles in ficus.security.users"
                                + " (ficus.security.users[0].name, .password as a {bcrypt} hash, .roles)");
            }
        }
    }
}
