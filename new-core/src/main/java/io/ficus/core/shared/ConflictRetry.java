package io.ficus.core.shared;

import io.ficus.core.CoreProperties;
import java.lang.reflect.Method;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.resilience.retry.MethodRetrySpec;
import org.springframework.resilience.retry.SimpleRetryInterceptor;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Redoes a whole unit of work that lost a race. Every writing {@code @Transactional} method of the
 * core (use cases, follow-ups, the application of legacy changes) that fails with a
 * {@link ConcurrencyFailureException} (an optimistic version check, a deadlock PostgreSQL broke,
 * a lock it could not get) is run again, with exponential backoff and jitter, up to
 * {@code ficus.core.conflict-retries} times: its transaction was rolled back with every event it
 * published, so the next attempt starts from the committed state. Only the outermost transaction
 * is retried (a method that joins a running transaction, a dry run for one, fails as before and
 * lets its owner decide). The advice sits inside {@code @Async} (a follow-up is retried on the
 * thread that runs it) and outside the transaction.
 */
@Configuration(proxyBeanMethods = false)
class ConflictRetry {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor conflictRetryAdvisor(org.springframework.beans.factory.ObjectProvider<CoreProperties> properties) {
        StaticMethodMatcherPointcut writes = new StaticMethodMatcherPointcut() {
            @Override
            public boolean matches(Method method, Class<?> targetClass) {
                if (!targetClass.getName().startsWith("io.ficus.core.")) {
                    return false;
                }
                Transactional tx = AnnotatedElementUtils.findMergedAnnotation(method, Transactional.class);
                return tx != null && !tx.readOnly();
            }
        };
        MethodInterceptor advice = new OutermostOnly(properties);
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(writes, advice);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return advisor;
    }

    /** Retries only when no transaction is running yet, i.e. when this call owns the transaction. */
    private static final class OutermostOnly implements MethodInterceptor {

        private final org.springframework.beans.factory.ObjectProvider<CoreProperties> properties;
        private volatile SimpleRetryInterceptor retry;

        OutermostOnly(org.springframework.beans.factory.ObjectProvider<CoreProperties> properties) {
            this.properties = properties;
        }

        @Override
        public Object invoke(MethodInvocation invocation) throws Throwable {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                return invocation.proceed();
            }
            return retry().invoke(invocation);
        }

        private SimpleRetryInterceptor retry() {
            SimpleRetryInterceptor current = retry;
            if (current == null) {
                CoreProperties p = properties.getObject();
                current = new SimpleRetryInterceptor(new MethodRetrySpec(List.of(ConcurrencyFailureException.class), List.of(),
                        (method, failure) -> true, p.conflictRetries(), java.time.Duration.ZERO, p.conflictRetryDelay(),
                        p.conflictRetryDelay(), 2.0, p.conflictRetryDelay().multipliedBy(32)));
                retry = current;
            }
            return current;
        }
    }
}
