package io.ficus.core.shared;

import io.ficus.core.CoreProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request-scoped machinery: every request is a unit of work whose follow-ups complete
 * before its response is released; a request marked {@code X-Ficus-Dry-Run: true} runs in one
 * transaction that is rolled back (only with the gateway's {@code X-Ficus-Gateway-Secret}: without
 * it, any {@code X-Ficus-Dry-Run} gets 403 and runs nothing); outstanding publications are
 * resubmitted periodically.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpConfiguration {

    /** The header that asks for a dry run. */
    static final String DRY_RUN = "X-Ficus-Dry-Run";

    /** The header with which the gateway proves a request comes from it. */
    static final String GATEWAY_SECRET = "X-Ficus-Gateway-Secret";

    @Bean(name = FollowUps.EXECUTOR, destroyMethod = "")
    Executor followUpExecutor(ThreadPoolTaskExecutor followUpFallbackExecutor) {
        return FollowUps.executor(followUpFallbackExecutor);
    }

    @Bean
    ThreadPoolTaskExecutor followUpFallbackExecutor() {
        var executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("follow-up-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        return executor;
    }

    /** Outermost: request id, then the unit of work whose follow-ups run before the response is sent. */
    @Bean
    OncePerRequestFilter unitOfWorkFilter() {
        return new UnitOfWorkFilter();
    }

    /** Inside the unit of work: a dry run is one transaction, rolled back whatever happened. */
    @Bean
    OncePerRequestFilter dryRunFilter(PlatformTransactionManager transactions, GatewaySecret secret, JsonMapper json) {
        return new DryRunFilter(new TransactionTemplate(transactions), secret, json);
    }

    @Bean
    CompletedPublicationsPurge completedPublicationsPurge(ObjectProvider<CompletedEventPublications> completed,
                                                          CoreProperties properties) {
        return new CompletedPublicationsPurge(completed, properties);
    }

    @Bean
    PublicationRetries publicationRetries(ObjectProvider<IncompleteEventPublications> incomplete, CoreProperties properties) {
        return new PublicationRetries(incomplete, properties);
    }

    static final class UnitOfWorkFilter extends OncePerRequestFilter implements Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 100;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var buffered = new ContentCachingResponseWrapper(response);
            RequestIds.set(request.getHeader(RequestIds.HEADER));
            try {
                FollowUps.run(() -> {
                    try {
                        chain.doFilter(request, buffered);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (ServletException e) {
                        throw new IllegalStateException(e);
                    }
                });
            } finally {
                RequestIds.set(null);
            }
            buffered.copyBodyToResponse();
        }
    }

    static final class DryRunFilter extends OncePerRequestFilter implements Ordered {

        private final TransactionTemplate transaction;
        private final GatewaySecret secret;
        private final JsonMapper json;

        DryRunFilter(TransactionTemplate transaction, GatewaySecret secret, JsonMapper json) {
            this.transaction = transaction;
            this.secret = secret;
            this.json = json;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 101;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getHeader(DRY_RUN) == null;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            if (!secret.matches(request.getHeader(GATEWAY_SECRET))) {
                response.setStatus(HttpStatus.FORBIDDEN.value());
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getOutputStream().write(json.writeValueAsBytes(ApiError.of(HttpStatus.FORBIDDEN,
                        DRY_RUN + " is accepted only from the gateway", request.getRequestURI())));
                return;
            }
            if (!"true".equalsIgnoreCase(request.getHeader(DRY_RUN))) {
                chain.doFilter(request, response);
                return;
            }
            transaction.executeWithoutResult(status -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                } finally {
                    status.setRollbackOnly();
                }
            });
        }
    }

    /**
     * Resubmits, periodically, failed publications (a listener or Kafka failed) once
     * {@code publication-retry-interval} passed since their last attempt, and publications left
     * incomplete by a crash once {@code incomplete-after} passed.
     */
    static final class PublicationRetries {

        private final ObjectProvider<IncompleteEventPublications> incomplete;
        private final CoreProperties properties;

        PublicationRetries(ObjectProvider<IncompleteEventPublications> incomplete, CoreProperties properties) {
            this.incomplete = incomplete;
            this.properties = properties;
        }

        @Scheduled(fixedDelayString = "${ficus.core.publication-retry-interval:5s}",
                initialDelayString = "${ficus.core.publication-retry-interval:5s}")
        void resubmit() {
            Instant now = Instant.now();
            Instant failedBefore = now.minus(properties.publicationRetryInterval());
            Instant stuckBefore = now.minus(properties.incompleteAfter());
            incomplete.ifAvailable(i -> i.resubmitIncompletePublications(p -> p.getStatus() == EventPublication.Status.FAILED
                    ? lastAttempt(p).isBefore(failedBefore)
                    : lastAttempt(p).isBefore(stuckBefore)));
        }

        private static Instant lastAttempt(EventPublication p) {
            return p.getLastResubmissionDate() == null ? p.getPublicationDate() : p.getLastResubmissionDate();
        }
    }

    /** Deletes, hourly, completed publications older than {@code completed-publications-kept-for}. */
    static final class CompletedPublicationsPurge {

        private final ObjectProvider<CompletedEventPublications> completed;
        private final CoreProperties properties;

        CompletedPublicationsPurge(ObjectProvider<CompletedEventPublications> completed, CoreProperties properties) {
            this.completed = completed;
            this.properties = properties;
        }

        @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS)
        void purge() {
            completed.ifAvailable(c -> c.deletePublicationsOlderThan(properties.completedPublicationsKeptFor()));
        }
    }
}
