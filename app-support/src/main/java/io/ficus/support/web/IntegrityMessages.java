package io.ficus.support.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a violated unique constraint means, in the application's words: each application names its own constraints (the
 * legacy's {@code usr_email_ux}, the core's {@code users_email_ux}) and answers them with 409 and its message. A
 * violation of no named constraint is "a value is too long" (400) when the database says so, and otherwise "the change
 * conflicts with the stored data" (409). An application declares one bean of this type; without one, no constraint has
 * a message of its own.
 *
 * @param byConstraint the 409 message of each constraint, by its name in lower case, tried in the given order
 */
public record IntegrityMessages(Map<String, String> byConstraint) {

    public IntegrityMessages {
        Map<String, String> lowerCase = new LinkedHashMap<>();
        byConstraint.forEach((name, message) -> lowerCase.put(name.toLowerCase(Locale.ROOT), message));
        byConstraint = java.util.Collections.unmodifiableMap(lowerCase);
    }

    /** No constraint with a message of its own. */
    public static IntegrityMessages none() {
        return new IntegrityMessages(Map.of());
    }
}
