package io.ficus.support.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Input rules of the API's use cases, the same in both applications; each failure is a 400 naming the field. */
public final class Checks {

    private Checks() {
    }

    /** A required text: present, not blank, at most {@code max} characters. Returned as given. */
    public static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + field + "' must not be blank");
        }
        return optionalText(field, value, max);
    }

    /** An optional text: null, or at most {@code max} characters. */
    public static String optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ApiException.badRequest("'" + field + "' must be at most " + max + " characters");
        }
        return storable(field, value);
    }

    /** Any text bound for the database: no NUL characters, which PostgreSQL cannot store or compare. */
    public static String storable(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw ApiException.badRequest("'" + field + "' must not contain NUL characters");
        }
        return value;
    }

    /** An email address: required, at most 255 characters, something@something. */
    public static String email(String field, String value) {
        text(field, value, 255);
        if (!value.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiException.badRequest("'" + field + "' must be an email address");
        }
        return value;
    }

    /** A password: required, not blank, at most 72 bytes (what bcrypt uses). */
    public static String password(String field, String value) {
        text(field, value, 72);
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw ApiException.badRequest("'" + field + "' must be at most 72 bytes");
        }
        return value;
    }

    /** Assignee ids: no nulls, duplicates dropped keeping the first, at most 100. */
    public static List<UUID> assignees(List<UUID> ids) {
        if (ids == null) {
            return List.of();
        }
        LinkedHashSet<UUID> distinct = new LinkedHashSet<>();
        for (UUID id : ids) {
            if (id == null) {
                throw ApiException.badRequest("'assigneeIds' must not contain null");
            }
            distinct.add(id);
        }
        if (distinct.size() > 100) {
            throw ApiException.badRequest("'assigneeIds' must hold at most 100 users");
        }
        return new ArrayList<>(distinct);
    }
}
