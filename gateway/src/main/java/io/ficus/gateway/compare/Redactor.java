package io.ficus.gateway.compare;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets before anything is stored. A name is secret when it matches one of the configured
 * patterns (regular expressions matched against the whole name, ignoring case, such as
 * {@code .*password.*}); then:
 * <ul>
 * <li>headers: {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie} and
 *     {@code X-Ficus-Gateway-Secret} always, and every header with a secret name, are masked;</li>
 * <li>bodies are decoded with the charset their {@code Content-Type} declares (UTF-8 when it declares
 *     none); in JSON, and in form-encoded bodies, the value of every field with a secret name is masked
 *     at any depth. A body that is neither, and in which a secret name appears, is not stored: a
 *     placeholder saying so is. A body with a content encoding (such as gzip) is not stored either.
 *     Stored bodies are cut to a bounded size;</li>
 * <li>query strings: the value of every parameter with a secret name is masked;</li>
 * <li>differences: both values are masked when a segment of the path is a secret name (and the
 *     segments below it, which may be keys of a secret map, are masked too); JSON values are masked
 *     field by field, and any other value in which a secret name appears is masked whole.</li>
 * </ul>
 * All of it runs in comparison work, off the client's response path.
 */
public final class Redactor {

    static final String MASK = "***";
    static final int STORED_BODY_CHARS = 64 * 1024;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            GatewaySecret.HEADER.toLowerCase(Locale.ROOT));
    private static final JsonMapper json = JsonMapper.builder().build();

    /** Whole secret names. */
    private final Pattern names;
    /** A secret name anywhere in a text. */
    private final Pattern mentions;

    /** @param patterns regular expressions of secret names, matched against whole names, ignoring case */
    public Redactor(List<String> patterns) {
        List<String> kept = patterns.stream().filter(p -> p != null && !p.isBlank()).toList();
        this.names = kept.isEmpty() ? null : Pattern.compile(kept.stream().map(p -> "(?:" + p + ")")
                .collect(Collectors.joining("|")), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        this.mentions = kept.isEmpty() ? null : Pattern.compile(kept.stream().map(p -> "(?:" + core(p) + ")")
                .collect(Collectors.joining("|")), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A pattern without its leading and trailing {@code .*}, to be found inside a text. */
    private static String core(String pattern) {
        String p = pattern;
        while (p.startsWith(".*") && p.length() > 2) {
            p = p.substring(2);
        }
        while (p.endsWith(".*") && !p.endsWith("\\.*") && p.length() > 2) {
            p = p.substring(0, p.length() - 2);
        }
        return p;
    }

    /** Whether a field, parameter or header name is secret. */
    boolean secret(String name) {
        return names != null && names.matcher(name).matches();
    }

    /** Whether a secret name appears anywhere in a text. */
    boolean mentionsSecret(String text) {
        return mentions != null && mentions.matcher(text).find();
    }

    /** Headers as name to comma-joined values, secrets masked. */
    public Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name, secretHeader(name) ? MASK : String.join(", ", values)));
        return out;
    }

    private boolean secretHeader(String name) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) || secret(name);
    }

    /** A UTF-8 body without declared type, for storage; see {@link #body(byte[], String)}. */
    public String body(byte[] body) {
        return body(body, null);
    }

    /**
     * A body as text for storage, decoded with the charset {@code contentType} declares (UTF-8 by default): JSON or
     * form data with secret fields masked, other text as it is unless a secret name appears in it (then a placeholder);
     * bounded in size. Null when empty.
     */
    public String body(byte[] body, String contentType) {
        if (body.length == 0) {
            return null;
        }
        MediaType type = mediaType(contentType);
        String text = new String(body, charset(type));
        String stored;
        JsonNode parsed = parse(text);
        if (parsed != null && parsed.isContainer()) {
            stored = mask(parsed).toString();
        } else if (type != null && MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            stored = parameters(text);
        } else if (mentionsSecret(text)) {
            stored = "(unparseable body of " + body.length + " bytes, not stored: it may hold a secret)";
        } else {
            stored = text;
        }
        return stored.length() <= STORED_BODY_CHARS ? stored : stored.substring(0, STORED_BODY_CHARS) + "...(truncated)";
    }

    /** A request body for storage: one with a content encoding is never decoded, and so never stored. */
    public String requestBody(byte[] body, HttpHeaders headers) {
        String encoding = headers.getFirst(HttpHeaders.CONTENT_ENCODING);
        if (body.length > 0 && encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
            return "(" + encoding.trim() + "-encoded body of " + body.length + " bytes, not stored)";
        }
        return body(body, headers.getFirst(HttpHeaders.CONTENT_TYPE));
    }

    /** A path and query with the values of secret query parameters masked. */
    public String pathAndQuery(String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        if (question < 0) {
            return pathAndQuery;
        }
        return pathAndQuery.substring(0, question + 1) + parameters(pathAndQuery.substring(question + 1));
    }

    /** {@code a=b&c=d} with the values of secret names masked; names are compared undecoded and decoded. */
    private String parameters(String query) {
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (equals >= 0 && (secret(name) || secret(decoded(name)))) {
                out.append(name).append('=').append(MASK);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decoded(String name) {
        try {
            return java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    /** Differences with secrets masked. */
    public List<Difference> differences(List<Difference> differences) {
        List<Difference> out = new ArrayList<>(differences.size());
        for (Difference d : differences) {
            out.add(difference(d));
        }
        return out;
    }

    private Difference difference(Difference d) {
        String path = d.path();
        if (path.regionMatches(true, 0, "header:", 0, 7)) {
            return secretHeader(path.substring(7)) ? new Difference(path, mask(d.legacy()), mask(d.core()))
                    : new Difference(path, value(d.legacy()), value(d.core()));
        }
        if (path.startsWith("$")) {
            String masked = maskedPath(path);
            if (masked != null) {
                return new Difference(masked, mask(d.legacy()), mask(d.core()));
            }
        }
        return new Difference(path, value(d.legacy()), value(d.core()));
    }

    /** The JSON path with every segment below a secret one masked, or null when no segment is secret. */
    private String maskedPath(String path) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                if (!current.isEmpty()) {
                    segments.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            segments.add(current.toString());
        }
        for (int i = 0; i < segments.size(); i++) {
            if (secret(segments.get(i))) {
                StringBuilder s = new StringBuilder("$");
                for (int j = 0; j <= i; j++) {
                    s.append('.').append(segments.get(j));
                }
                for (int j = i + 1; j < segments.size(); j++) {
                    s.append('.').append(MASK);
                }
                return s.toString();
            }
        }
        return null;
    }

    private static String mask(String value) {
        return value == null ? null : MASK;
    }

    /** A difference's value: JSON with secret fields masked, or masked whole when a secret name appears in it. */
    private String value(String value) {
        if (value == null) {
            return null;
        }
        JsonNode parsed = parse(value);
        if (parsed != null && parsed.isContainer()) {
            return mask(parsed).toString();
        }
        if (parsed != null) {
            return value;
        }
        return mentionsSecret(value) ? MASK : value;
    }

    /** A free text (such as an error detail) with every mention of a secret name masked whole. */
    public String text(String text) {
        return text == null || !mentionsSecret(text) ? text : "(" + text.length() + " characters not stored: they may"
                + " hold a secret)";
    }

    private static JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                if (secret(name)) {
                    object.put(name, MASK);
                } else {
                    mask(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::mask);
        }
        return node;
    }

    static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /** The charset a media type declares, UTF-8 when it declares none (JSON is UTF-8 by definition). */
    static Charset charset(MediaType type) {
        return type != null && type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
    }
}
