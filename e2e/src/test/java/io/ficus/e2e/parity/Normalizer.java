package io.ficus.e2e.parity;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes two applications' answers comparable: every UUID becomes {@code <id-n>}, numbered in
 * order of first appearance within one session (so the same scenario step refers to the same
 * placeholder on both sides), every timestamp {@code <time>}, every JWT {@code <token>}.
 * Everything else, field order included, must be byte for byte the same.
 */
final class Normalizer {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final Map<String, String> ids = new HashMap<>();

    String normalize(String text) {
        if (text == null) {
            return null;
        }
        String out = JWT.matcher(text).replaceAll("<token>");
        out = TIME.matcher(out).replaceAll("<time>");
        Matcher m = UUID.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, ids.computeIfAbsent(m.group(), k -> "<id-" + (ids.size() + 1) + ">"));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
