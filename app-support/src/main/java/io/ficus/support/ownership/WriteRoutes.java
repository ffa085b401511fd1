package io.ficus.support.ownership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** The write routes of every pushed group, compiled: which group a write belongs to (the most specific pattern wins). */
final class WriteRoutes {

    private static final PathPatternParser PARSER = new PathPatternParser();

    private record Matcher(String group, Set<HttpMethod> methods, PathPattern pattern) {
    }

    private final List<Matcher> matchers;

    private WriteRoutes(List<Matcher> matchers) {
        this.matchers = List.copyOf(matchers);
    }

    static WriteRoutes of(Collection<Grant> grants) {
        List<Matcher> compiled = new ArrayList<>();
        for (Grant grant : grants) {
            for (Grant.WriteRoute route : grant.routes()) {
                compiled.add(new Matcher(grant.group(), route.methods().stream()
                        .map(m -> HttpMethod.valueOf(m.toUpperCase(Locale.ROOT))).collect(Collectors.toUnmodifiableSet()),
                        PARSER.parse(route.path())));
            }
        }
        compiled.sort(Comparator.comparing(Matcher::pattern));
        return new WriteRoutes(compiled);
    }

    /** The group of a write, or null when no pushed route matches it. */
    String groupOf(HttpMethod method, PathContainer path) {
        return matchers.stream().filter(m -> m.methods().contains(method) && m.pattern().matches(path))
                .map(Matcher::group).findFirst().orElse(null);
    }
}
