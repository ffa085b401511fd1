package io.ficus.gateway.security;

import static io.ficus.gateway.security.SecuredPaths.path;

import com.github.benmanes.caffeine.cache.Ticker;
import io.ficus.gateway.GatewayProperties;
import io.ficus.gateway.security.AdminSecurityProperties.Role;
import io.ficus.gateway.security.LockoutAuthenticationManager.LockedOutException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UserDetailsRepositoryReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerHttpBasicAuthenticationConverter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Spring Security for the admin API, the console and the actuator; see {@code package-info.java} for the rules and
 * why the proxied API is left alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    private static final String VIEWER = Role.VIEWER.name();
    private static final String OPERATOR = Role.OPERATOR.name();

    /**
     * Spring Security's own default: no observation of the security filter chains, whose decorator otherwise starts
     * and stops an observation (two timers) around every request, the proxied ones included, for which no security
     * filter runs (3 % of the CPU samples of a proxied request, gateway/README.md "Performance"). Authentication and
     * authorization stay observed.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveUserDetailsService adminUsers(AdminSecurityProperties properties, Environment environment) {
        AdminUsers.refuseRetiredProperties(environment);
        return AdminUsers.of(properties);
    }

    @Bean
    LoginLockout loginLockout(AdminSecurityProperties properties) {
        return new LoginLockout(properties.lockout(), Ticker.systemTicker());
    }

    /** The strict firewall for every request; the wrapped exchange only for the secured paths. */
    @Bean
    ServerWebExchangeFirewall gatewayFirewall() {
        return new GatewayFirewall(new StrictServerWebExchangeFirewall(), new SecuredPaths());
    }

    @Bean
    ServerExchangeRejectedHandler firewallRejections() {
        return SecurityErrors.rejected();
    }

    @Bean
    SecurityWebFilterChain adminSecurity(ServerHttpSecurity http, ReactiveUserDetailsService users,
                                         PasswordEncoder passwords, LoginLockout lockout, GatewayProperties gateway) {
        UserDetailsRepositoryReactiveAuthenticationManager checker = new UserDetailsRepositoryReactiveAuthenticationManager(users);
        checker.setPasswordEncoder(passwords);
        AuthenticationWebFilter basic = new AuthenticationWebFilter(
                new LockoutAuthenticationManager(checker, lockout, new ClientAddress(gateway.trustedProxies())));
        basic.setServerAuthenticationConverter(new ServerHttpBasicAuthenticationConverter());
        basic.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        basic.setAuthenticationFailureHandler((filterExchange, e) -> e instanceof LockedOutException locked
                ? SecurityErrors.lockedOut(filterExchange.getExchange(), locked.remaining())
                : SecurityErrors.unauthorized(filterExchange.getExchange(), "Wrong user name or password"));

        AuthenticationWebFilter form = ConsoleLogin.formLogin(
                new LockoutAuthenticationManager(checker, lockout, new ClientAddress(gateway.trustedProxies())));

        return http
                .securityMatcher(new SecuredPaths())
                .addFilterAt(basic, SecurityWebFiltersOrder.HTTP_BASIC)
                .addFilterAt(form, SecurityWebFiltersOrder.FORM_LOGIN)
                .addFilterAfter(ConsoleLogin.csrfCookieForPages(), SecurityWebFiltersOrder.CSRF)
                .authorizeExchange(rules -> rules
                        .matchers(path(HttpMethod.GET, "/actuator/health/**"), path(HttpMethod.HEAD, "/actuator/health/**"))
                        .permitAll()
                        .matchers(ConsoleLogin.PUBLIC)
                        .permitAll()
                        .matchers(path(HttpMethod.GET, "/actuator/**"), path(HttpMethod.HEAD, "/actuator/**"),
                                path(HttpMethod.GET, "/ficus/**"), path(HttpMethod.HEAD, "/ficus/**"))
                        .hasRole(VIEWER)
                        .anyExchange().hasRole(OPERATOR))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(ConsoleLogin.entryPoint(SecurityErrors.unauthorized()))
                        .accessDeniedHandler(SecurityErrors.forbidden()))
                // A browser's console session is loaded from its WebSession; HTTP Basic stores nothing.
                .securityContextRepository(ConsoleLogin.sessions())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .csrf(csrf -> csrf
                        .requireCsrfProtectionMatcher(ConsoleLogin.NEEDS_CSRF)
                        .csrfTokenRepository(ConsoleLogin.csrfTokens())
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .accessDeniedHandler(SecurityErrors.csrfRefused()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(logout -> logout
                        .requiresLogout(ConsoleLogin.LOGOUT)
                        .logoutHandler(ConsoleLogin.logoutHandler())
                        .logoutSuccessHandler(ConsoleLogin.loggedOut()))
                .build();
    }
}
