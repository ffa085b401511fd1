package io.ficus.core;

import io.ficus.core.shared.FollowUp;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Test-only listeners shared by every integration test (part of the one context). */
@TestConfiguration(proxyBeanMethods = false)
public class TestListeners {

    /** An event only tests publish. */
    public record Probe(String id, int failures) {
    }

    /** Fails {@link Probe#failures()} times per probe, then records it as handled. */
    public static class FlakyListener {
        private final java.util.Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.Set<String> handled = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @FollowUp
        public void on(Probe probe) {
            int attempt = attempts.computeIfAbsent(probe.id(), k -> new AtomicInteger()).incrementAndGet();
            if (attempt <= probe.failures()) {
                throw new IllegalStateException("planted failure " + attempt + " of " + probe.id());
            }
            handled.add(probe.id());
        }

        public boolean handled(String id) {
            return handled.contains(id);
        }

        public int attempts(String id) {
            return attempts.getOrDefault(id, new AtomicInteger()).get();
        }
    }

    @Bean
    FlakyListener flakyListener() {
        return new FlakyListener();
    }
}
