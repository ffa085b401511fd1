package io.ficus.core.shared;

import io.ficus.core.CoreProperties;
import java.util.concurrent.Executor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
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
}
