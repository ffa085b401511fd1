package io.ficus.gateway.compare;

/**
 * What the shadowed backend did with a write before the primary took it: its dry-run answer, its failure, or why it
 * was not asked (then the comparison gets {@code notCompared} as its verdict).
 *
 * @param answer      the dry run's answer, null when there is none
 * @param error       why the dry run failed, null when it answered or was not asked
 * @param notCompared the verdict when the dry run was not made (LAGGED: the sync had not caught up within the hold;
 *                    SKIPPED: no call slot was free), else null
 * @param detail      why it was not made or failed
 */
public record PreRun(Answer answer, String error, Verdict notCompared, String detail) {

    static PreRun answered(Answer answer) {
        return new PreRun(answer, null, null, null);
    }

    static PreRun failed(String error) {
        return new PreRun(null, error, null, error);
    }

    static PreRun notMade(Verdict verdict, String detail) {
        return new PreRun(null, null, verdict, detail);
    }
}
