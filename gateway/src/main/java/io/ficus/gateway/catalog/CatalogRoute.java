package io.ficus.gateway.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A validated catalog route.
 *
 * @param id              stable identifier
 * @param methods         methods it answers
 * @param pattern         the parsed path pattern
 * @param group           the aggregate group it belongs to
 * @param write           whether it changes state
 * @param initial         the toggle it starts with
 * @param ignore          JSON paths ignored by comparisons
 * @param unorderedArrays whether arrays compare as multisets
 */
public record CatalogRoute(String id, Set<HttpMethod> methods, PathPattern pattern, String group, boolean write,
                           Toggle initial, List<String> ignore, boolean unorderedArrays) {

    static CatalogRoute of(RouteSpec spec, PathPattern pattern) {
        if (spec.id() == null || spec.id().isBlank() || spec.group() == null || spec.group().isBlank()
                || spec.methods() == null || spec.methods().isEmpty()) {
            throw new IllegalArgumentException("route " + spec.id() + " needs an id, a group and at least one method");
        }
        Set<HttpMethod> methods = spec.methods().stream()
                .map(m -> HttpMethod.valueOf(m.toUpperCase(Locale.ROOT)))
                .collect(Collectors.toUnmodifiableSet());
        boolean write = spec.write() != null ? spec.write()
                : methods.stream().anyMatch(m -> m != HttpMethod.GET && m != HttpMethod.HEAD);
        return new CatalogRoute(spec.id(), methods, pattern, spec.group(), write,
                new Toggle(spec.mode(), spec.percent(), spec.shadowReads()), List.copyOf(spec.ignore()), spec.unorderedArrays());
    }

    /**
     * Whether a request with {@code method} only reads: a safe method (GET, HEAD) of a route not
     * declared a write. Only such requests may be sent to the legacy beside the new core.
     */
    public boolean reads(HttpMethod method) {
        return !write && (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method));
    }

    /** The pattern as configured. */
    public String path() {
        return pattern.getPatternString();
    }
}
