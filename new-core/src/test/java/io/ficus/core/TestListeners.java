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

    /** A unit of work that loses a race {@code failures} times: each attempt writes a row, then fails. */
    public static class Contended {
        private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
        private final java.util.Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();

        Contended(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @org.springframework.transaction.annotation.Transactional
        public void write(String id, int failures) {
            int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            jdbc.sql("insert into projects_project (id, name, created_at, version) values (?, ?, now(), 1)")
                    .params(java.util.UUID.randomUUID(), id + " attempt " + attempt).update();
            if (attempt <= failures) {
                throw new org.springframework.dao.OptimisticLockingFailureException("planted conflict " + attempt + " of " + id);
            }
        }

        public int attempts(String id) {
            return attempts.getOrDefault(id, new AtomicInteger()).get();
        }
    }

    @Bean
    Contended contended(org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new Contended(jdbc);
    }
}
