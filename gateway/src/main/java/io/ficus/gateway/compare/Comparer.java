package io.ficus.gateway.compare;

import io.ficus.gateway.catalog.CatalogRoute;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares the legacy's and the new core's answers: status, the configured headers
 * ({@code Content-Type} by media type, ignoring parameters), and the body as JSON with the
 * route's ignore rules, or byte for byte when either side is not JSON.
 */
public final class Comparer {

    private static final JsonMapper json = JsonMapper.builder().build();

    private final List<String> compareHeaders;

    public Comparer(List<String> compareHeaders) {
        this.compareHeaders = List.copyOf(compareHeaders);
    }

    /** Compares two complete answers to a request of this route. */
    public Outcome compare(CatalogRoute route, Answer legacy, Answer core) {
        return compare(route, List.of(), legacy, core);
    }

    /** Compares two complete answers to a request of this route, also ignoring {@code moreIgnored} (runtime and learned rules). */
    public Outcome compare(CatalogRoute route, List<String> moreIgnored, Answer legacy, Answer core) {
        List<Difference> differences = new ArrayList<>();
        if (legacy.status() != core.status()) {
            differences.add(new Difference("status", Integer.toString(legacy.status()), Integer.toString(core.status())));
        }
        for (String header : compareHeaders) {
            String l = legacy.headers().getFirst(header);
            String c = core.headers().getFirst(header);
            if (!sameHeader(header, l, c)) {
                differences.add(new Difference("header:" + header, l, c));
            }
        }
        differences.addAll(bodyDifferences(moreIgnored.isEmpty() ? route.ignore() : concat(route.ignore(), moreIgnored),
                route.unorderedArrays(), decoded(legacy), charset(legacy), decoded(core), charset(core)));
        if (legacy.status() >= 500 != core.status() >= 500) {
            return new Outcome(Verdict.ERROR, differences, (legacy.status() >= 500 ? "the legacy" : "the new core")
                    + " answered with a server error");
        }
        return new Outcome(differences.isEmpty() ? Verdict.MATCH : Verdict.MISMATCH, differences, null);
    }

    private static boolean sameHeader(String name, String legacy, String core) {
        if (legacy == null || core == null || !name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
            return Objects.equals(legacy, core);
        }
        try {
            return MediaType.parseMediaType(legacy).equalsTypeAndSubtype(MediaType.parseMediaType(core));
        } catch (InvalidMediaTypeException e) {
            return legacy.equals(core);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Difference> bodyDifferences(List<String> ignore, boolean unorderedArrays, byte[] legacy,
                                                    Charset legacyCharset, byte[] core, Charset coreCharset) {
        if (legacy.length == 0 && core.length == 0) {
            return List.of();
        }
        JsonNode l = parse(legacy, legacyCharset);
        JsonNode c = parse(core, coreCharset);
        if (l != null && c != null) {
            return new JsonDiff(ignore, unorderedArrays).diff(l, c);
        }
        if (Arrays.equals(legacy, core)) {
            return List.of();
        }
        return List.of(new Difference("body", describe(legacy, legacyCharset, l), describe(core, coreCharset, c)));
    }

    /** The charset of an answer's body, from its {@code Content-Type}; UTF-8 when it declares none. */
    static Charset charset(Answer answer) {
        return Redactor.charset(Redactor.mediaType(answer.headers().getFirst(HttpHeaders.CONTENT_TYPE)));
    }

    /** The body decoded with its charset and parsed as JSON, or null when it is empty or not JSON. */
    static JsonNode parse(byte[] body, Charset charset) {
        if (body.length == 0) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.equals(charset) ? json.readTree(body) : json.readTree(new String(body, charset));
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String describe(byte[] body, Charset charset, JsonNode parsed) {
        if (body.length == 0) {
            return "(empty)";
        }
        String text = new String(body, 0, Math.min(body.length, 200), charset);
        return (parsed == null ? "(not JSON) " : "") + text;
    }

    /** The body with a gzip content encoding undone. */
    static byte[] decoded(Answer answer) {
        if (!"gzip".equalsIgnoreCase(answer.headers().getFirst(HttpHeaders.CONTENT_ENCODING)) || answer.body().length == 0) {
            return answer.body();
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
