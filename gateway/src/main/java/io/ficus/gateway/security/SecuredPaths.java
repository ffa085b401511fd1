package io.ficus.gateway.security;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The paths Spring Security guards: the admin API and console ({@code /ficus/**}) and the actuator. They are matched
 * like WebFlux routes them, with {@link PathPattern}s on the request's parsed path (decoded, {@code ;} parameters
 * removed), not on the raw URL, and case-insensitively, so {@code /FICUS/api} is guarded too even though nothing routes
 * it. Everything else (the proxied {@code /api/**} and whatever else goes to the legacy) is not matched: no security
 * filter runs for it.
 *
 * <p>A miss costs one pattern match per secured prefix and no allocation, since every proxied request is a miss.
 */
final class SecuredPaths implements ServerWebExchangeMatcher {

    /** Case-insensitive, otherwise WebFlux's own parser settings. */
    static final PathPatternParser PARSER = caseInsensitive();

    private static final Mono<MatchResult> MISS = MatchResult.notMatch().cache();
    private static final Mono<MatchResult> HIT = MatchResult.match().cache();

    private final List<PathPattern> patterns = List.of(PARSER.parse("/ficus/**"), PARSER.parse("/actuator/**"));

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return HIT;
            }
        }
        return MISS;
    }

    /** A rule for one method on one path pattern, matched the same way. */
    static ServerWebExchangeMatcher path(HttpMethod method, String pattern) {
        return new PathPatternParserServerWebExchangeMatcher(PARSER.parse(pattern), method);
    }

    private static PathPatternParser caseInsensitive() {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        return parser;
    }

    @Override
    public String toString() {
        return "SecuredPaths" + patterns;
    }
}
