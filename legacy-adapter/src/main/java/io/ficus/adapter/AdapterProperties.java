package io.ficus.adapter;

import io.ficus.contracts.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the legacy-adapter.
 *
 * @param topicPrefix prepended to every topic name (tests only; empty in production)
 * @param admin       credentials of the adapter's admin API ({@code /ficus/**}: reconciliation);
 *                    without them the admin API answers 503
 */
@ConfigurationProperties("ficus.adapter")
public record AdapterProperties(@DefaultValue("") String topicPrefix, Admin admin) {

    public Topics topics() {
        return new Topics(topicPrefix);
    }

    /**
     * HTTP Basic credentials of the admin API.
     *
     * @param username user name
     * @param password password
     */
    public record Admin(String username, String password) {

        boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        @Override
        public String toString() {
            return "Admin[" + username + "]";
        }
    }
}
