package io.ficus.core.shared;

import io.ficus.support.web.ApiExceptionHandler;
import io.ficus.support.web.ErrorBody;
import io.ficus.support.web.IntegrityMessages;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the core's error answers add to those of the app-support library ({@code io.ficus.support.web}): the name of its
 * unique constraint on users' emails, and a lost version check (a race that {@link ConflictRetry} could not win)
 * answered as the legacy answers a conflicting change, 409, rather than a 500.
 */
@Configuration(proxyBeanMethods = false)
class CoreApiErrors {

    @Bean
    IntegrityMessages integrityMessages() {
        return new IntegrityMessages(Map.of("users_email_ux", "email is already registered"));
    }

    /** Asked before the library's handler, which answers every other failure. */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class ConcurrentChange {

        @ExceptionHandler(OptimisticLockingFailureException.class)
        ResponseEntity<ErrorBody> concurrentChange(OptimisticLockingFailureException e, HttpServletRequest request) {
            return ApiExceptionHandler.body(HttpStatus.CONFLICT, "the change conflicts with the stored data", request);
        }
    }
}
