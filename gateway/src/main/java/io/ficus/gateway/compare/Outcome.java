package io.ficus.gateway.compare;

import java.util.List;

/**
 * The result of comparing two answers.
 *
 * @param verdict     the verdict
 * @param differences where they differ
 * @param detail      a human explanation for ERROR and SKIPPED, null otherwise
 */
public record Outcome(Verdict verdict, List<Difference> differences, String detail) {

    static Outcome of(Verdict verdict, String detail) {
        return new Outcome(verdict, List.of(), detail);
    }
}
