package io.ficus.adapter.fence;

import java.util.List;

/**
 * What a completed fence answers.
 *
 * @param direction    which way it waited
 * @param waitedMillis how long the whole fence took
 * @param stages       each stage in order, with how long it took
 */
public record FenceResult(Direction direction, long waitedMillis, List<Stage> stages) {

    /**
     * One completed stage.
     *
     * @param name   the stage's name (see {@link SyncFence})
     * @param millis how long it took
     */
    public record Stage(String name, long millis) {
    }
}
