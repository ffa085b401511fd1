package io.ficus.core.shared;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Runs every {@link FollowUp} of a change applied from the legacy synchronously, inside the
 * transaction that applies it, on the unproxied module service (so neither its own transaction
 * nor the follow-up executor apply). A failing handler fails that transaction, and the legacy
 * change is delivered again.
 */
@Component
class LegacyFollowUps implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beans;
    private volatile List<Handler> handlers = List.of();

    LegacyFollowUps(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<Handler> found = new ArrayList<>();
        String base = "io.ficus.core.";
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null || !ClassUtils.getUserClass(type).getName().startsWith(base)) {
                continue;
            }
            Class<?> userType = ClassUtils.getUserClass(type);
            var methods = MethodIntrospector.selectMethods(userType,
                    (MethodIntrospector.MetadataLookup<Boolean>) m -> AnnotatedElementUtils.hasAnnotation(m, FollowUp.class) ? true : null);
            if (methods.isEmpty()) {
                continue;
            }
            Object instance = beans.getBean(name);
            for (Object target = AopProxyUtils.getSingletonTarget(instance); target != null;
                 target = AopProxyUtils.getSingletonTarget(instance)) {
                instance = target;
            }
            for (Method method : methods.keySet()) {
                if (method.getParameterCount() != 1) {
                    throw new IllegalStateException("@FollowUp " + method + " must take exactly the event");
                }
                ReflectionUtils.makeAccessible(method);
                found.add(new Handler(name, instance, method, method.getParameterTypes()[0]));
            }
        }
        found.sort(Comparator.comparing(Handler::bean).thenComparing(h -> h.method().toGenericString()));
        handlers = List.copyOf(found);
    }

    @EventListener
    void on(AggregateChanged change) {
        if (FollowUps.isDeferred(change)) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a change from the legacy must be applied in a transaction");
        }
        for (Handler handler : handlers) {
            if (handler.event().isInstance(change)) {
                ReflectionUtils.invokeMethod(handler.method(), handler.instance(), change);
            }
        }
    }

    private record Handler(String bean, Object instance, Method method, Class<?> event) {
    }
}
