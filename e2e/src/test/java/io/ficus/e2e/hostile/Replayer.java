package io.ficus.e2e.hostile;

import io.ficus.e2e.hostile.Attack.Expect;
import io.ficus.e2e.hostile.Attack.Request;
import io.ficus.e2e.hostile.Attack.Step;
import io.ficus.e2e.hostile.Attack.Target;
import io.ficus.testkit.RawConnection;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays attacks of the corpus at one target over raw sockets and judges what came back;
 * each unmet expectation becomes one line naming the attack, the target and the step.
 */
final class Replayer {

    /** After a first response, how long a connection is watched for a second (smuggled) one. */
    static final Duration QUIET = Duration.ofMillis(1500);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]+)}");
    private static final JsonMapper json = JsonMapper.builder().build();

    private final Map<String, String> variables;
    private final Map<Target, Map<String, String>> targetVariables;
    private final Map<Target, Integer> ports;
    /** Request ids of gateway requests whose comparison must be stored. */
    final Queue<String> comparedRequestIds = new ConcurrentLinkedQueue<>();

    Replayer(Map<String, String> variables, Map<Target, Map<String, String>> targetVariables, Map<Target, Integer> ports) {
        this.variables = Map.copyOf(variables);
        this.targetVariables = Map.copyOf(targetVariables);
        this.ports = Map.copyOf(ports);
    }

    /** Replays one attack at one target; the failures, empty when every step met its expectation. */
    List<String> replay(Attack attack, Target target) {
        List<String> failures = new ArrayList<>();
        Map<String, String> captured = new HashMap<>();
        Integer previousStatus = null;
        for (int index = 0; index < attack.steps().size(); index++) {
            Step step = attack.steps().get(index);
            String where = attack.name() + " [" + target.name().toLowerCase(Locale.ROOT) + (attack.steps().size() > 1 ? ", step " + (index + 1) : "") + "]";
            Integer previous = previousStatus;
            if (!step.onlyIf().isEmpty() && (previous == null || step.onlyIf().stream().noneMatch(spec -> matches(spec, previous)))) {
                continue;
            }
            for (int round = 0; round < step.repeat(); round++) {
                Expect expect = step.expectFor(target);
                String requestId = "hostile-" + attack.name() + "-" + UUID.randomUUID();
                RawHttp.Exchange exchange;
                try {
                    Map<String, String> scope = scope(target, captured, requestId);
                    exchange = RawHttp.exchange("localhost", ports.get(target), send(step.request(), scope),
                            isHead(step.request()), expect.within(), expect.single() ? QUIET : Duration.ZERO);
                    List<String> problems = judge(expect, exchange, scope);
                    if (!problems.isEmpty()) {
                        failures.add(where + ": " + String.join("; ", problems) + " -- got " + exchange.summary());
                        return failures;
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(where + ": " + e);
                    return failures;
                }
                if (expect.compared() && target == Target.GATEWAY) {
                    comparedRequestIds.add(attack.name() + " " + requestId);
                }
                RawConnection.Response last = exchange.responses().isEmpty() ? null : exchange.responses().get(0);
                previousStatus = last == null ? null : last.status();
                if (last != null && !step.capture().isEmpty()) {
                    JsonNode body = json.readTree(last.body());
                    step.capture().forEach((variable, field) -> captured.put(variable, body.path(field).asString("")));
                }
            }
        }
        return failures;
    }

    private Map<String, String> scope(Target target, Map<String, String> captured, String requestId) {
        Map<String, String> scope = new HashMap<>(variables);
        scope.putAll(targetVariables.getOrDefault(target, Map.of()));
        scope.put("host", "localhost:" + ports.get(target));
        scope.putAll(captured);
        scope.put("requestId", requestId);
        return scope;
    }

    private static boolean isHead(Request request) {
        String method = request.raw() != null ? request.raw().split(" ", 2)[0] : request.method();
        return method.equalsIgnoreCase("HEAD");
    }

    static RawHttp.Send send(Request request, Map<String, String> scope) {
        byte[] bytes;
        if (request.raw() != null) {
            bytes = expand(request.raw(), scope).getBytes(StandardCharsets.ISO_8859_1);
        } else {
            var head = new StringBuilder();
            head.append(request.method()).append(' ').append(expand(request.path(), scope)).append(" HTTP/1.1\r\n");
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            request.headers().forEach((k, v) -> headers.put(k, expand(v, scope)));
            if (request.host() && !has(headers, "Host")) {
                head.append("Host: ").append(scope.get("host")).append("\r\n");
            }
            if (!has(headers, "X-Request-Id")) {
                head.append("X-Request-Id: ").append(scope.get("requestId")).append("\r\n");
            }
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            byte[] body = request.body() == null ? new byte[0] : expand(request.body(), scope).getBytes(Charset.forName(request.charset()));
            if (request.body() != null && !has(headers, "Content-Length") && !has(headers, "Transfer-Encoding")) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (!has(headers, "Connection")) {
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
            bytes = new byte[start.length + body.length];
            System.arraycopy(start, 0, bytes, 0, start.length);
            System.arraycopy(body, 0, bytes, start.length, body.length);
        }
        byte[] trickle = request.trickle() == null ? null : expand(request.trickle(), scope).getBytes(StandardCharsets.ISO_8859_1);
        return new RawHttp.Send(bytes, trickle, request.trickleEvery(), request.streamBytes(), request.streamChunked());
    }

    private static boolean has(Map<String, String> headers, String name) {
        return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
    }

    /** Replaces {@code ${name}}, {@code ${uuid}} and {@code ${repeat:TEXT:N}}; an unknown name is an error. */
    static String expand(String text, Map<String, String> scope) {
        Matcher m = VARIABLE.matcher(text);
        var out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.equals("uuid")) {
                value = UUID.randomUUID().toString();
            } else if (name.startsWith("repeat:")) {
                int last = name.lastIndexOf(':');
                value = name.substring("repeat:".length(), last).repeat(Integer.parseInt(name.substring(last + 1)));
            } else if (scope.containsKey(name)) {
                value = scope.get(name);
            } else {
                throw new IllegalArgumentException("unknown variable ${" + name + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static List<String> judge(Expect expect, RawHttp.Exchange exchange, Map<String, String> scope) {
        List<String> problems = new ArrayList<>();
        var responses = exchange.responses();
        RawConnection.Response first = responses.isEmpty() ? null : responses.get(0);
        boolean statusOk = expect.status().stream().anyMatch(spec -> spec.equals("closed")
                ? first == null && exchange.ending() == RawHttp.Ending.CLOSED
                : first != null && matches(spec, first.status()));
        if (!statusOk) {
            problems.add("expected " + expect.status() + (first == null && exchange.ending() == RawHttp.Ending.OPEN
                    ? " within " + expect.within().toMillis() + " ms" : ""));
        }
        if (expect.single() && responses.size() > 1) {
            problems.add("a second response on the same connection (the smuggled request was answered)");
        }
        for (RawConnection.Response response : responses) {
            for (String spec : expect.never()) {
                if (matches(spec, response.status())) {
                    problems.add("a response with status " + response.status() + " (never " + spec + ")");
                }
            }
            for (String text : expect.excludes()) {
                if (response.text().contains(expand(text, scope))) {
                    problems.add("a response containing " + text);
                }
            }
        }
        if (first != null) {
            for (String text : expect.contains()) {
                if (!first.text().contains(expand(text, scope))) {
                    problems.add("no " + text + " in the response");
                }
            }
            expect.headers().forEach((name, text) -> {
                String value = first.header(name);
                if (value == null || !value.contains(expand(text, scope))) {
                    problems.add("header " + name + " should contain '" + text + "' but is " + value);
                }
            });
        }
        return problems;
    }

    /** {@code 413}, {@code 4xx} or {@code any} against a status. */
    static boolean matches(String spec, int status) {
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("any")) {
            return true;
        }
        if (s.length() == 3 && s.endsWith("xx")) {
            return status / 100 == s.charAt(0) - '0';
        }
        return s.matches("\\d{3}") && Integer.parseInt(s) == status;
    }
}
