package io.ficus.gateway.proxy;

import io.ficus.gateway.GatewayIntegrationTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway with short edge timeouts, and the test client's own address trusted as a proxy: a
 * context of its own (shared by its subclasses), since such timeouts would cut the other tests'
 * keep-alive connections. The body timeout is below the tests' response timeout of 1 s, which
 * Spring Cloud Gateway counts from the start of the request, upload included.
 */
@TestPropertySource(properties = {
        "ficus.gateway.request-header-timeout=2s",
        "ficus.gateway.request-body-timeout=500ms",
        "ficus.gateway.trusted-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1"})
abstract class EdgeSettingsIntegrationTest extends GatewayIntegrationTest {
}
