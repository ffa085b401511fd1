package io.ficus.gateway.security;

import static io.ficus.gateway.security.SecuredPaths.path;

import io.ficus.gateway.security.LockoutAuthenticationManager.LockedOutException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManagerResolver;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint.DelegateEntry;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.ServerFormLoginAuthenticationConverter;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.ServerLogoutSuccessHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfServerLogoutHandler;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The console's browser login: a form at {@code /ficus/login.html} posting to {@code /ficus/login}, checked by the
 * same users and the same lock-out as HTTP Basic, then a {@code SESSION} cookie (the WebSession, its id changed on
 * login). A change made with the session needs the CSRF token of the {@code XSRF-TOKEN} cookie (path {@code /ficus},
 * {@code SameSite=Strict}) echoed in the {@code X-XSRF-TOKEN} header or the {@code _csrf} form field; a call with an
 * {@code Authorization} header (an API client) is not session-authenticated and needs none.
 */
final class ConsoleLogin {

    /** The WebFlux session cookie. */
    static final String SESSION_COOKIE = "SESSION";

    static final String LOGIN_PAGE = "/ficus/login.html";

    /** What an anonymous browser may load: the login page and its style sheet. */
    static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
            path(HttpMethod.GET, LOGIN_PAGE), path(HttpMethod.HEAD, LOGIN_PAGE),
            path(HttpMethod.GET, "/ficus/console.css"), path(HttpMethod.HEAD, "/ficus/console.css"));

    static final ServerWebExchangeMatcher LOGIN = path(HttpMethod.POST, "/ficus/login");

    static final ServerWebExchangeMatcher LOGOUT = path(HttpMethod.POST, "/ficus/logout");

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    /**
     * CSRF is checked for a change that a browser's cookies could authenticate: no {@code Authorization} header and
     * either a session cookie or the login/logout form itself.
     */
    static final ServerWebExchangeMatcher NEEDS_CSRF = exchange -> {
        var request = exchange.getRequest();
        boolean browserChange = !SAFE.contains(request.getMethod())
                && !request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        if (!browserChange) {
            return ServerWebExchangeMatcher.MatchResult.notMatch();
        }
        if (request.getCookies().containsKey(SESSION_COOKIE)) {
            return ServerWebExchangeMatcher.MatchResult.match();
        }
        return new OrServerWebExchangeMatcher(LOGIN, LOGOUT).matches(exchange);
    };

    private ConsoleLogin() {
    }

    /** The form login: POST {@code username} and {@code password}; success goes to the console, failure back. */
    static AuthenticationWebFilter formLogin(ReactiveAuthenticationManagerResolver<ServerWebExchange> users) {
        AuthenticationWebFilter form = new AuthenticationWebFilter(users);
        form.setRequiresAuthenticationMatcher(LOGIN);
        form.setServerAuthenticationConverter(new ServerFormLoginAuthenticationConverter());
        form.setSecurityContextRepository(sessions());
        form.setAuthenticationSuccessHandler(new RedirectServerAuthenticationSuccessHandler("/ficus/"));
        RedirectServerAuthenticationFailureHandler wrong = new RedirectServerAuthenticationFailureHandler(LOGIN_PAGE + "?error");
        RedirectServerAuthenticationFailureHandler locked = new RedirectServerAuthenticationFailureHandler(LOGIN_PAGE + "?locked");
        form.setAuthenticationFailureHandler((filterExchange, e) -> e instanceof LockedOutException
                ? locked.onAuthenticationFailure(filterExchange, e)
                : wrong.onAuthenticationFailure(filterExchange, e));
        return form;
    }

    /**
     * A browser asking for a console page (it accepts {@code text/html}) is sent to the login page; everything else,
     * the API and the actuator always, gets {@code api}'s JSON 401.
     */
    static ServerAuthenticationEntryPoint entryPoint(ServerAuthenticationEntryPoint api) {
        MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        ServerWebExchangeMatcher page = new AndServerWebExchangeMatcher(html,
                new NegatedServerWebExchangeMatcher(new OrServerWebExchangeMatcher(
                        caseInsensitive("/ficus/api/**"), caseInsensitive("/actuator/**"))));
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(List.of(
                new DelegateEntry(page, new RedirectServerAuthenticationEntryPoint(LOGIN_PAGE))));
        entryPoint.setDefaultEntryPoint(api);
        return entryPoint;
    }

    /** The security context of a console session; a request without a session cookie is not looked up. */
    static ServerSecurityContextRepository sessions() {
        WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
        return new ServerSecurityContextRepository() {
            @Override
            public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
                return sessions.save(exchange, context);
            }

            @Override
            public Mono<SecurityContext> load(ServerWebExchange exchange) {
                return exchange.getRequest().getCookies().containsKey(SESSION_COOKIE) ? sessions.load(exchange) : Mono.empty();
            }
        };
    }

    private static final ServerCsrfTokenRepository CSRF_TOKENS = csrfTokenRepository();

    static ServerCsrfTokenRepository csrfTokens() {
        return CSRF_TOKENS;
    }

    private static ServerCsrfTokenRepository csrfTokenRepository() {
        CookieServerCsrfTokenRepository tokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookiePath("/ficus");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
        return tokens;
    }

    /** Logging out forgets the security context, invalidates the session and clears the CSRF token. */
    static ServerLogoutHandler logoutHandler() {
        SecurityContextServerLogoutHandler context = new SecurityContextServerLogoutHandler();
        context.setSecurityContextRepository(sessions());
        return new DelegatingServerLogoutHandler(context, new WebSessionServerLogoutHandler(),
                new CsrfServerLogoutHandler(CSRF_TOKENS));
    }

    static ServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(LOGIN_PAGE + "?logout"));
        return handler;
    }

    /**
     * Makes a console page (a GET of {@code /ficus}, {@code /ficus/} or an {@code .html} under {@code /ficus/}) arrive
     * with its CSRF cookie: Spring Security creates the token lazily, so for a page it is loaded or generated here,
     * which writes the {@code XSRF-TOKEN} cookie. Runs inside the security chain, so never for a proxied request.
     */
    static WebFilter csrfCookieForPages() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().value();
            boolean page = HttpMethod.GET.equals(exchange.getRequest().getMethod()) && (path.equals("/ficus")
                    || path.equals("/ficus/") || (path.startsWith("/ficus/") && path.endsWith(".html")));
            Mono<CsrfToken> token = page ? exchange.getAttribute(CsrfToken.class.getName()) : null;
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    private static ServerWebExchangeMatcher caseInsensitive(String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(SecuredPaths.PARSER.parse(pattern));
    }
}
