package io.ficus.adapter.sync;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Spring's task scheduler (auto-configured once scheduling is enabled) runs {@link SyncMarkPurge}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SyncMarkScheduling {
}
