package io.ficus.gateway.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural comparison of two JSON documents: objects by field regardless of field order,
 * arrays by position (or as multisets when unordered), numbers by value ({@code 1.0} equals
 * {@code 1}), with paths left out by ignore patterns such as {@code $.id}, {@code $[*].createdAt}
 * or {@code $..version} / {@code $.**.version}.
 */
public final class JsonDiff {

    private static final int MAX_VALUE_CHARS = 200;

    private final List<List<String>> ignore;
    private final boolean unorderedArrays;

    public JsonDiff(List<String> ignorePatterns, boolean unorderedArrays) {
        this.ignore = ignorePatterns.stream().map(JsonDiff::tokens).toList();
        this.unorderedArrays = unorderedArrays;
    }

    /** The differences between the two documents, empty when they are equal under the rules. */
    public List<Difference> diff(JsonNode legacy, JsonNode core) {
        List<Difference> differences = new ArrayList<>();
        compare(normalise(legacy.deepCopy(), new ArrayList<>()), normalise(core.deepCopy(), new ArrayList<>()),
                new ArrayList<>(), differences);
        return differences;
    }

    private JsonNode normalise(JsonNode node, List<String> path) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>(object.propertyNames());
            for (String name : names) {
                path.add(name);
                if (ignored(path)) {
                    object.remove(name);
                } else {
                    object.set(name, normalise(object.get(name), path));
                }
                path.remove(path.size() - 1);
            }
        } else if (node instanceof ArrayNode array) {
            List<JsonNode> kept = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                path.add(Integer.toString(i));
                if (!ignored(path)) {
                    kept.add(normalise(array.get(i), path));
                }
                path.remove(path.size() - 1);
            }
            if (unorderedArrays) {
                kept.sort(Comparator.comparing(JsonNode::toString));
            }
            array.removeAll();
            kept.forEach(array::add);
        }
        return node;
    }

    private boolean ignored(List<String> path) {
        for (List<String> pattern : ignore) {
            if (matches(pattern, 0, path, 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(List<String> pattern, int p, List<String> path, int i) {
        if (p == pattern.size()) {
            return i == path.size();
        }
        String token = pattern.get(p);
        if (token.equals("**")) {
            for (int skip = i; skip <= path.size(); skip++) {
                if (matches(pattern, p + 1, path, skip)) {
                    return true;
                }
            }
            return false;
        }
        return i < path.size() && (token.equals("*") || token.equals(path.get(i))) && matches(pattern, p + 1, path, i + 1);
    }

    /** Splits {@code $.a[*].b..c} into {@code a, *, b, **, c}. */
    static List<String> tokens(String pattern) {
        String rest = pattern.startsWith("$") ? pattern.substring(1) : pattern;
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (rest.startsWith("..", i)) {
                tokens.add("**");
                i += 2;
                i = name(rest, i, tokens);
            } else if (c == '.') {
                i = name(rest, i + 1, tokens);
            } else if (c == '[') {
                int end = rest.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed [ in ignore pattern " + pattern);
                }
                tokens.add(rest.substring(i + 1, end).replace("'", ""));
                i = end + 1;
            } else {
                i = name(rest, i, tokens);
            }
        }
        return List.copyOf(tokens);
    }

    private static int name(String s, int from, List<String> tokens) {
        int end = from;
        while (end < s.length() && s.charAt(end) != '.' && s.charAt(end) != '[') {
            end++;
        }
        if (end > from) {
            tokens.add(s.substring(from, end));
        }
        return end;
    }

    private void compare(JsonNode legacy, JsonNode core, List<String> path, List<Difference> out) {
        if (legacy.isNumber() && core.isNumber()) {
            if (legacy.decimalValue().compareTo(core.decimalValue()) != 0) {
                out.add(difference(path, legacy, core));
            }
        } else if (legacy.isObject() && core.isObject()) {
            Set<String> names = new LinkedHashSet<>(legacy.propertyNames());
            names.addAll(core.propertyNames());
            for (String name : names) {
                path.add(name);
                JsonNode l = legacy.get(name);
                JsonNode c = core.get(name);
                if (l == null || c == null) {
                    out.add(difference(path, l, c));
                } else {
                    compare(l, c, path, out);
                }
                path.remove(path.size() - 1);
            }
        } else if (legacy.isArray() && core.isArray()) {
            int size = Math.max(legacy.size(), core.size());
            for (int i = 0; i < size; i++) {
                path.add(Integer.toString(i));
                JsonNode l = i < legacy.size() ? legacy.get(i) : null;
                JsonNode c = i < core.size() ? core.get(i) : null;
                if (l == null || c == null) {
                    out.add(difference(path, l, c));
                } else {
                    compare(l, c, path, out);
                }
                path.remove(path.size() - 1);
            }
        } else if (!legacy.equals(core)) {
            out.add(difference(path, legacy, core));
        }
    }

    private static Difference difference(List<String> path, JsonNode legacy, JsonNode core) {
        return new Difference(render(path), value(legacy), value(core));
    }

    private static String render(List<String> path) {
        StringBuilder s = new StringBuilder("$");
        for (String segment : path) {
            if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                s.append('[').append(segment).append(']');
            } else {
                s.append('.').append(segment);
            }
        }
        return s.toString();
    }

    private static String value(JsonNode node) {
        if (node == null) {
            return null;
        }
        String text = node.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
