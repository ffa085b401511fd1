package io.ficus.gateway.catalog;

/**
 * The runtime state of one route.
 *
 * @param mode    who answers
 * @param percent share of callers the new core answers in {@link Mode#CANARY} (0 to 100), otherwise 0
 */
public record Toggle(Mode mode, int percent) {

    public static final Toggle LEGACY = new Toggle(Mode.LEGACY, 0);

    public Toggle {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("percent must be between 0 and 100, not " + percent);
        }
        if (mode != Mode.CANARY) {
            percent = 0;
        }
    }

    /** Which system owns this route's writes: {@code legacy}, {@code core}, or {@code canary:n} when split by caller. */
    public String writeOwner() {
        return switch (mode) {
            case LEGACY, SHADOW -> "legacy";
            case NEW -> "core";
            case CANARY -> "canary:" + percent;
        };
    }

    @Override
    public String toString() {
        return mode == Mode.CANARY ? "CANARY " + percent + "%" : mode.name();
    }
}
