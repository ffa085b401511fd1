package io.ficus.adapter.fence;

import java.util.List;

/**
 * A fence that did not complete: its {@link #stage()} timed out, or could not be checked at all.
 */
public class FenceFailedException extends RuntimeException {

    private final Direction direction;
    private final String stage;
    private final boolean timedOut;
    private final long waitedMillis;
    private final List<FenceResult.Stage> completed;

    FenceFailedException(Direction direction, String stage, boolean timedOut, long waitedMillis,
                         List<FenceResult.Stage> completed, String message, Throwable cause) {
        super(message, cause);
        this.direction = direction;
        this.stage = stage;
        this.timedOut = timedOut;
        this.waitedMillis = waitedMillis;
        this.completed = List.copyOf(completed);
    }

    public Direction direction() {
        return direction;
    }

    /** The stage that did not complete. */
    public String stage() {
        return stage;
    }

    /** Whether the stage ran out of time (rather than failing to be checked). */
    public boolean timedOut() {
        return timedOut;
    }

    public long waitedMillis() {
        return waitedMillis;
    }

    /** The stages completed before it. */
    public List<FenceResult.Stage> completed() {
        return completed;
    }
}
