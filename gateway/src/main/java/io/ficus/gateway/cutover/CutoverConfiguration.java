package io.ficus.gateway.cutover;

import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.toggles.ToggleStore;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
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
    Cutover cutover(ToggleStore toggles, JdbcTemplate jdbc, GatewayProperties properties, ReplicaAgent agent,
                    MeterRegistry meters) {
        return new Cutover(toggles, jdbc, properties, agent, meters);
    }
}
