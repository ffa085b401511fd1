package io.ficus.adapter.fence;

/** Which way a fence waits: from the legacy into the core, or from the core into the legacy. */
public enum Direction {
    /** Every change committed in the legacy before the fence is applied in the core. */
    LEGACY_TO_CORE,
    /** Every change committed in the core before the fence is written into the legacy. */
    CORE_TO_LEGACY
}
