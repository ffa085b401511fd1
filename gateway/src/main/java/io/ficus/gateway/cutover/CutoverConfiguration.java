package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.compare.GatewaySecret;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The handover machinery of one gateway instance. */
@Configuration(proxyBeanMethods = false)
class CutoverConfiguration {

    @Bean
    WriteGate writeGate(GatewayProperties properties) {
        return new WriteGate(properties.handover().holdTimeout(), System::nanoTime);
    }

    @Bean
    WriteAdmission writeAdmission(WriteGate gate, MeterRegistry meters) {
        return new WriteAdmission(gate, meters);
    }

    @Bean
    ReplicaAgent replicaAgent(DataSource dataSource, ToggleStore toggles, WriteGate gate, GatewayProperties properties) {
        return new ReplicaAgent(dataSource, toggles, gate, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "ficus.gateway.ownership.push", havingValue = "true", matchIfMissing = true)
    OwnershipPusher ownershipPusher(RouteCatalog catalog, GatewayProperties properties, GatewaySecret secret,
                                    OwnershipProperties settings, MeterRegistry meters) {
        return new OwnershipPusher(catalog, properties, secret, settings, meters);
    }

    @Bean
    @ConditionalOnProperty(name = "ficus.gateway.ownership.push", havingValue = "true", matchIfMissing = true)
    OwnershipReconciler ownershipReconciler(OwnershipPusher pusher, RouteCatalog catalog, JdbcTemplate jdbc,
                                            OwnershipProperties settings) {
        return new OwnershipReconciler(pusher, catalog, jdbc, settings);
    }

    @Bean
    Cutover cutover(ToggleStore toggles, JdbcTemplate jdbc, GatewayProperties properties, ReplicaAgent agent,
                    MeterRegistry meters, ObjectProvider<OwnershipPusher> ownership) {
        OwnershipPusher pusher = ownership.getIfAvailable();
        if (pusher == null) {
            LoggerFactory.getLogger(Cutover.class).warn("ficus.gateway.ownership.push is off: the applications are not"
                    + " told which of them owns a group's writes, so a write that bypasses the gateway is not refused");
        }
        return new Cutover(toggles, jdbc, properties, agent, meters, pusher);
    }
}
