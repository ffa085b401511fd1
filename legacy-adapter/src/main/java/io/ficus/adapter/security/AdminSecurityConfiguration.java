package io.ficus.adapter.security;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security on the adapter's HTTP side: HTTP Basic against {@code ficus.security.users},
 * GET on {@code /ficus/**} for viewers, everything else there for operators, the health,
 * info and metrics endpoints open (health shows its status only), and every other path
 * refused to anonymous callers. Only when the adapter serves HTTP: the one-shot
 * {@code reconcile} command runs without a web server and without users.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class AdminSecurityConfiguration {

    static final String REALM = "ficus";

    @Bean
    InMemoryUserDetailsManager adminUsers(SecurityProperties properties) {
        return new InMemoryUserDetailsManager(AdminUsers.of(properties));
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role("OPERATOR").implies("VIEWER").build();
    }

    @Bean
    LoginLockout loginLockout(SecurityProperties properties) {
        return new LoginLockout(properties.lockout(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain adminApi(HttpSecurity http, InMemoryUserDetailsManager users, LoginLockout lockout) throws Exception {
        var passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        var authentication = new ProviderManager(new LockoutAuthenticationProvider(passwords, lockout));
        authentication.setEraseCredentialsAfterAuthentication(true);
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (e instanceof LockedOutException locked) {
                response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
                JsonErrors.write(response, HttpStatus.TOO_MANY_REQUESTS, locked.getMessage());
                return;
            }
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            JsonErrors.write(response, HttpStatus.UNAUTHORIZED, request.getHeader("Authorization") == null
                    ? "Credentials are required (HTTP Basic)" : "The user name or password is wrong");
        };
        AccessDeniedHandler denied = (request, response, e) -> JsonErrors.write(response, HttpStatus.FORBIDDEN,
                "Your role may not " + request.getMethod() + " this resource: it needs OPERATOR");
        http.authenticationManager(authentication)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .requestMatchers(HttpMethod.GET, "/ficus/**").hasRole("VIEWER")
                        .requestMatchers(HttpMethod.HEAD, "/ficus/**").hasRole("VIEWER")
                        .requestMatchers("/ficus/**").hasRole("OPERATOR")
                        .anyRequest().hasRole("VIEWER"));
        return http.build();
    }

    /** Requests Tomcat refuses before Spring sees them get the same JSON error. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorsFromTomcat() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
        });
    }

    /**
     * The strict firewall (no {@code ;}, encoded {@code /} or {@code .}, {@code %25}, {@code //},
     * backslash, non-printable characters, unknown methods), its refusals as a JSON 400.
     */
    @Bean
    WebSecurityCustomizer strictFirewall() {
        RequestRejectedHandler rejected = (request, response, e) -> JsonErrors.write(response, HttpStatus.BAD_REQUEST,
                "The request was rejected: its path or headers are not allowed");
        return web -> web.httpFirewall(new StrictHttpFirewall()).requestRejectedHandler(rejected);
    }
}
