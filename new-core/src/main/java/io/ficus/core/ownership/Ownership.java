package io.ficus.core.ownership;

import io.ficus.support.ownership.WriteGuard;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core's write ownership as the other modules see it: whether the core owns a group's writes now (the legacy-change
 * applier asks), and what the gateway pushed. The guard that admits, refuses and drains writes is the app-support
 * library's {@link WriteGuard}; this is its API inside the core.
 */
public class Ownership {

    private final WriteGuard guard;

    Ownership(WriteGuard guard) {
        this.guard = guard;
    }

    /** The ownership of every group pushed so far, by group. */
    public Map<String, Grant> grants() {
        Map<String, Grant> grants = new LinkedHashMap<>();
        guard.grants().forEach((group, grant) -> grants.put(group, Grant.of(grant)));
        return java.util.Collections.unmodifiableMap(grants);
    }

    /** Whether the core owns the writes of {@code group} now (before any push: the legacy owns every group). */
    public boolean ownsWritesOf(String group) {
        return guard.ownsWritesOf(group);
    }

    /** Applies a push as the gateway's ownership API does (see {@link WriteGuard#apply}). */
    public WriteGuard.Applied apply(Grant grant) {
        return guard.apply(grant.toGuard());
    }
}
