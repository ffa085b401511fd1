package io.ficus.gateway.compare;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes secrets before anything is stored: credentials and cookie headers, and the values of
 * configured JSON fields (by name, at any depth). Stored bodies are also cut to a bounded size.
 */
public final class Redactor {

    static final String MASK = "***";
    static final int STORED_BODY_CHARS = 64 * 1024;
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    private final Set<String> fields;

    public Redactor(List<String> fields) {
        this.fields = fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Headers as name to comma-joined values, secrets masked. */
    public Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> out.put(name,
                SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? MASK : String.join(", ", values)));
        return out;
    }

    /** A body as text for storage: JSON with configured fields masked, or the raw text; bounded in size. */
    public String body(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        JsonNode parsed = Comparer.parse(body);
        String text = parsed == null ? new String(body, StandardCharsets.UTF_8) : mask(parsed).toString();
        return text.length() <= STORED_BODY_CHARS ? text : text.substring(0, STORED_BODY_CHARS) + "...(truncated)";
    }

    private JsonNode mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String name : List.copyOf(object.propertyNames())) {
                if (fields.contains(name.toLowerCase(Locale.ROOT))) {
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
}
