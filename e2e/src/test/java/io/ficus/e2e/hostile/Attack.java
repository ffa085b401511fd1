package io.ficus.e2e.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * One entry of the hostile-input corpus ({@code src/test/resources/hostile/*.yaml}; the format
 * is described in {@code hostile/README.md}): a named attack, the applications it is sent to, and
 * one or more steps, each a request and what must come back.
 *
 * @param name    unique name, used in every failure message
 * @param file    the corpus file it comes from
 * @param why     what the attack tries
 * @param targets the applications it is replayed at
 * @param writes  whether it may change the stores on purpose (replayed before the stores' fingerprint is taken)
 * @param steps   the requests, in order, on one connection each
 */
record Attack(String name, String file, String why, List<Target> targets, boolean writes, List<Step> steps) {

    /** Where an attack is sent. */
    enum Target { GATEWAY, LEGACY, CORE, ADAPTER, CDC }

    /**
     * One request and its expectation.
     *
     * @param request  the request (see {@link Request})
     * @param expect   what must come back, by default
     * @param expectOn what must come back from one target, where it differs from {@code expect}
     * @param repeat   how many times the request is sent (each must meet the expectation)
     * @param capture  variables taken from a top-level field of the JSON body of the (last) response, for later steps
     * @param onlyIf   the step runs only when the previous step's status matches one of these
     */
    record Step(Request request, Expect expect, Map<Target, Expect> expectOn, int repeat, Map<String, String> capture,
                List<String> onlyIf) {
        Expect expectFor(Target target) {
            return expectOn.getOrDefault(target, expect);
        }
    }

    /**
     * A request, either {@code raw} (sent byte for byte: a string, or a list of lines joined
     * with CRLF; characters are sent as ISO-8859-1 bytes) or structured ({@code method},
     * {@code path}, {@code headers}, {@code body} encoded in {@code charset}; {@code Host},
     * {@code X-Request-Id}, {@code Content-Length} and {@code Connection: close} are added unless
     * given or {@code host: false}).
     */
    record Request(String raw, String method, String path, Map<String, String> headers, String body, String charset,
                   boolean host, String trickle, Duration trickleEvery, long streamBytes, boolean streamChunked) {
    }

    /**
     * What must come back.
     *
     * @param status   allowed outcomes of the first response: an exact status ({@code 413}), a class
     *                 ({@code 4xx}), {@code any}, or {@code closed} (no response, the connection closed)
     * @param within   how long the first response (or the close) may take
     * @param single   no second response may come on the connection (nothing smuggled was answered)
     * @param never    statuses no response on the connection may have
     * @param contains texts the first response (head and body) must contain
     * @param excludes texts no response on the connection may contain
     * @param headers  headers the first response must carry, each containing the given text
     * @param compared the gateway must have recorded a comparison of this request (its {@code X-Request-Id})
     */
    record Expect(List<String> status, Duration within, boolean single, List<String> never, List<String> contains,
                  List<String> excludes, Map<String, String> headers, boolean compared) {
    }

    /** Every attack of every corpus file under {@code hostile/} on the test class path. */
    static List<Attack> corpus() {
        try {
            Path dir = Path.of(Attack.class.getResource("/hostile").toURI());
            List<Attack> attacks = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        List<Map<String, Object>> entries = new Yaml().load(in);
                        for (Map<String, Object> entry : entries) {
                            attacks.add(parse(file.getFileName().toString(), entry));
                        }
                    }
                }
            }
            Set<String> names = new HashSet<>();
            for (Attack attack : attacks) {
                if (!names.add(attack.name())) {
                    throw new IllegalStateException("two attacks named " + attack.name());
                }
            }
            return attacks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Attack parse(String file, Map<String, Object> entry) {
        String name = string(entry, "name", null);
        if (name == null) {
            throw new IllegalArgumentException(file + ": an attack without a name: " + entry);
        }
        try {
            List<Target> targets = ((List<Object>) entry.get("targets")).stream()
                    .map(t -> Target.valueOf(t.toString().toUpperCase(Locale.ROOT))).toList();
            List<Step> steps = new ArrayList<>();
            if (entry.containsKey("steps")) {
                for (Object step : (List<Object>) entry.get("steps")) {
                    steps.add(step((Map<String, Object>) step));
                }
            } else {
                steps.add(step(entry));
            }
            return new Attack(name, file, string(entry, "why", ""), targets, Boolean.TRUE.equals(entry.get("writes")), steps);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": attack " + name + " is malformed: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Step step(Map<String, Object> map) {
        Map<String, Object> request = (Map<String, Object>) map.get("request");
        if (request == null) {
            throw new IllegalArgumentException("no request");
        }
        Map<Target, Expect> expectOn = new LinkedHashMap<>();
        ((Map<String, Object>) map.getOrDefault("expectOn", Map.of())).forEach((target, expect) ->
                expectOn.put(Target.valueOf(target.toUpperCase(Locale.ROOT)), expect((Map<String, Object>) expect)));
        Map<String, String> capture = new LinkedHashMap<>();
        ((Map<String, Object>) map.getOrDefault("capture", Map.of())).forEach((k, v) -> capture.put(k, String.valueOf(v)));
        return new Step(request(request), expect((Map<String, Object>) map.get("expect")), expectOn,
                ((Number) map.getOrDefault("repeat", 1)).intValue(), capture, strings(map.get("onlyIf")));
    }

    @SuppressWarnings("unchecked")
    private static Request request(Map<String, Object> map) {
        Object raw = map.get("raw");
        String rawText = raw instanceof List<?> lines ? String.join("\r\n", lines.stream().map(String::valueOf).toList())
                : raw == null ? null : raw.toString();
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<String, Object>) map.getOrDefault("headers", Map.of())).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        Map<String, Object> stream = (Map<String, Object>) map.getOrDefault("stream", Map.of());
        Map<String, Object> trickle = (Map<String, Object>) map.getOrDefault("trickle", Map.of());
        if (rawText == null && map.get("path") == null) {
            throw new IllegalArgumentException("a request needs raw or path");
        }
        return new Request(rawText, string(map, "method", "GET"), string(map, "path", null), headers, string(map, "body", null),
                string(map, "charset", "UTF-8"), !Boolean.FALSE.equals(map.get("host")), string(trickle, "text", null),
                duration(string(trickle, "every", "1s")), size(string(stream, "bytes", "0")), Boolean.TRUE.equals(stream.get("chunked")));
    }

    @SuppressWarnings("unchecked")
    private static Expect expect(Map<String, Object> map) {
        if (map == null) {
            throw new IllegalArgumentException("no expect");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<String, Object>) map.getOrDefault("headers", Map.of())).forEach((k, v) -> headers.put(k, String.valueOf(v)));
        List<String> status = strings(map.get("status"));
        if (status.isEmpty()) {
            throw new IllegalArgumentException("expect.status is required");
        }
        return new Expect(status, duration(string(map, "within", "10s")), Boolean.TRUE.equals(map.get("single")),
                strings(map.get("never")), strings(map.get("contains")), strings(map.get("excludes")), headers,
                Boolean.TRUE.equals(map.get("compared")));
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    private static String string(Map<String, Object> map, String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : value.toString();
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        throw new IllegalArgumentException("not a duration: " + text);
    }

    /** {@code 100}, {@code 64KB}, {@code 12MB}. */
    static long size(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("MB")) {
            return Long.parseLong(t.substring(0, t.length() - 2)) * 1024 * 1024;
        }
        if (t.endsWith("KB")) {
            return Long.parseLong(t.substring(0, t.length() - 2)) * 1024;
        }
        return Long.parseLong(t);
    }
}
