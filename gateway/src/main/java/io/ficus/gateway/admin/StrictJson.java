package io.ficus.gateway.admin;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;

/**
 * Admin request bodies are read strictly: an unknown field, a fraction for an integer ({@code "percent": 50.5}), a
 * string for a number or a boolean, or anything after the JSON value is a 400, never silently dropped or rounded.
 *
 * <p>This customizes the application's {@code JsonMapper}, which only the WebFlux codecs use; in the gateway they
 * read admin request bodies and nothing else (proxied bodies never pass through a codec, and the compare engine has
 * its own mapper).
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictAdminInput() {
        return builder -> builder
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
}
