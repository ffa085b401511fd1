package io.ficus.support.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * The API's web conventions, installed in every servlet application that has this library: request limits
 * ({@link RequestLimitsFilter}), Tomcat's refusals as JSON ({@link JsonErrorReportValve}), the container's error page
 * ({@link ApiErrorController}, before Boot's own), every failure as an {@link ErrorBody} ({@link ApiExceptionHandler}),
 * and strict JSON: unknown fields, nulls for primitives, numbers for strings and the like are refused with a 400 rather
 * than guessed at, and so is a string holding a NUL character.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class ApiWebAutoConfiguration {

    /** Before the request id, the write guard and the unit of work: nothing runs for a request refused here. */
    @Bean
    FilterRegistrationBean<RequestLimitsFilter> requestLimits(WebProperties properties, JsonMapper json) {
        var registration = new FilterRegistrationBean<>(new RequestLimitsFilter(properties, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Requests Tomcat refuses before Spring sees them get the API's error body too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorsFromTomcat() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .addModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()))
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    ApiExceptionHandler apiExceptionHandler(ObjectProvider<IntegrityMessages> messages) {
        return new ApiExceptionHandler(messages.getIfAvailable(IntegrityMessages::none));
    }

    @Bean
    ApiErrorController apiErrorController() {
        return new ApiErrorController();
    }
}
