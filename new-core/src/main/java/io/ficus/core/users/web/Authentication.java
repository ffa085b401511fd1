package io.ficus.core.users.web;

import io.ficus.support.web.ApiException;
import io.ficus.core.shared.Caller;
import io.ficus.core.users.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Requires a valid bearer token naming a current user on every API route except register and
 * login, before the body or path variables are read, with the legacy's 401 messages.
 */
@Configuration(proxyBeanMethods = false)
class Authentication implements WebMvcConfigurer, HandlerInterceptor {

    private final UserManagement users;

    Authentication(UserManagement users) {
        this.users = users;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").excludePathPatterns("/api/register", "/api/login");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        String token = header.substring(7).trim();
        if (!users.isValidToken(token)) {
            throw ApiException.unauthorized("the bearer token is invalid or expired");
        }
        Caller caller = users.authenticate(token)
                .orElseThrow(() -> ApiException.unauthorized("the bearer token names no current user"));
        request.setAttribute(Caller.ATTRIBUTE, caller);
        return true;
    }
}
