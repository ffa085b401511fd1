package io.ficus.gateway.catalog;

/**
 * The runtime state of one route.
 *
 * @param mode        who answers
 * @param percent     share of callers the new core answers in {@link Mode#CANARY} (0 to 100), otherwise 0
 * @param shadowReads in {@link Mode#NEW} only: whether safe reads (GET, HEAD) are also sent to the legacy off the
 *                    response path and the two answers compared, until the legacy is switched off. Writes never go
 *                    to the legacy, and the new core still owns them.
 */
public record Toggle(Mode mode, int percent, boolean shadowReads) {

    public static final Toggle LEGACY = new Toggle(Mode.LEGACY, 0);

    /**
     * @throws IllegalArgumentException when the mode is missing, the percentage is outside 0 to 100, or
     *                                  {@code shadowReads} is set with a mode other than NEW
     */
    public Toggle {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 0 and 100, not " + percent);
        }
        if (shadowReads && mode != Mode.NEW) {
            throw new IllegalArgumentException("shadowReads can only be set with mode NEW (it shadows the legacy while"
                    + " the new core answers), not with " + mode);
        }
        if (mode != Mode.CANARY) {
            percent = 0;
        }
    }

    /** A toggle without shadowed reads. */
    public Toggle(Mode mode, int percent) {
        this(mode, percent, false);
    }

    /** Which system owns this route's writes: {@code legacy}, {@code core}, or {@code canary:n} when split by caller. */
    public String writeOwner() {
        return switch (mode) {
            case LEGACY, SHADOW -> "legacy";
            case NEW -> "core";
            case CANARY -> "canary:" + percent;
        };
    }

    /** As shown in the audit trail: {@code LEGACY}, {@code CANARY 10%}, {@code NEW + legacy reads shadowed}. */
    @Override
    public String toString() {
        return switch (mode) {
            case CANARY -> "CANARY " + percent + "%";
            case NEW -> shadowReads ? "NEW + legacy reads shadowed" : "NEW";
            default -> mode.name();
        };
    }
}
