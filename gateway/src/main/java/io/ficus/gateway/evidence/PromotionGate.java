package io.ficus.gateway.evidence;

import io.ficus.gateway.catalog.CatalogRoute;
import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.catalog.RouteCatalog;
import io.ficus.gateway.toggles.ToggleStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides whether a group's evidence allows a promotion: a flip that moves any of its routes further along
 * LEGACY → SHADOW → CANARY → NEW into CANARY or NEW. Putting routes in SHADOW and any flip back towards LEGACY are never
 * gated.
 */
@Component
public class PromotionGate {

    private final PolicyStore policies;
    private final EvidenceQuery evidence;
    private final RouteCatalog catalog;
    private final ToggleStore toggles;

    public PromotionGate(PolicyStore policies, EvidenceQuery evidence, RouteCatalog catalog, ToggleStore toggles) {
        this.policies = policies;
        this.evidence = evidence;
        this.catalog = catalog;
        this.toggles = toggles;
    }

    /**
     * Whether a group is ready for a mode.
     *
     * @param group   the group
     * @param to      the mode asked about
     * @param met     whether every condition of the policy holds
     * @param unmet   the conditions that do not, in words with the figures
     * @param figures the figures of the window: comparisons, rates, latencies, the policy
     */
    public record Readiness(String group, Mode to, boolean met, List<String> unmet, Map<String, Object> figures) {
    }

    /** Whether moving {@code routes} (of one group) to {@code to} is a promotion the gate decides on. */
    public boolean gated(List<CatalogRoute> routes, Mode to) {
        if (to != Mode.CANARY && to != Mode.NEW) {
            return false;
        }
        return routes.stream().anyMatch(r -> toggles.snapshot().of(r.id()).mode().ordinal() < to.ordinal());
    }

    /** Whether moving the route {@code routeId} to {@code to} is gated. */
    public boolean gatedRoute(String routeId, Mode to) {
        return catalog.route(routeId).map(r -> gated(List.of(r), to)).orElse(false);
    }

    /** Whether moving the group to {@code to} is gated. */
    public boolean gatedGroup(String group, Mode to) {
        return gated(catalog.group(group), to);
    }

    /** The group's readiness for {@code to} (CANARY or NEW) under its policy. */
    public Readiness readiness(String group, Mode to) {
        GroupPolicy policy = policies.policy(group);
        EvidenceQuery.GroupEvidence figures = evidence.group(group, Instant.now().minus(policy.window()));
        EvidenceQuery.RouteEvidence e = figures.evidence();
        String window = words(policy.window());
        List<String> unmet = new ArrayList<>();
        if (e.decisive() < policy.minComparisons()) {
            unmet.add("at least " + policy.minComparisons() + " comparisons in " + window + " (has " + e.decisive() + ")");
        }
        if (e.mismatchRate() > policy.maxMismatchRate()) {
            unmet.add("mismatch rate at most " + percent(policy.maxMismatchRate()) + " in " + window + " (is "
                    + percent(e.mismatchRate()) + ", " + e.counts().get("MISMATCH") + " of " + e.decisive() + ")");
        }
        if (e.coreErrorRate() > policy.maxCoreErrorRate()) {
            unmet.add("core error rate at most " + percent(policy.maxCoreErrorRate()) + " in " + window + " (is "
                    + percent(e.coreErrorRate()) + ")");
        }
        double ratio = e.legacyP99Millis() > 0 && e.coreP99Millis() > 0 ? e.coreP99Millis() / e.legacyP99Millis() : 0;
        if (ratio > policy.maxLatencyRatio()) {
            unmet.add("core p99 latency at most " + policy.maxLatencyRatio() + " times the legacy's in " + window
                    + " (is " + String.format(Locale.ROOT, "%.2f", ratio) + ": " + e.coreP99Millis() + " ms against "
                    + e.legacyP99Millis() + " ms)");
        }
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("window", policy.window().toString());
        shown.put("comparisons", e.decisive());
        shown.put("counts", e.counts());
        shown.put("mismatchRate", e.mismatchRate());
        shown.put("coreErrorRate", e.coreErrorRate());
        shown.put("legacyErrorRate", e.legacyErrorRate());
        shown.put("coreRequests", figures.coreRequests());
        shown.put("legacyP99Millis", e.legacyP99Millis());
        shown.put("coreP99Millis", e.coreP99Millis());
        shown.put("latencyRatio", ratio);
        shown.put("policy", PolicyView.of(policy));
        return new Readiness(group, to, unmet.isEmpty(), unmet, shown);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    static String words(java.time.Duration d) {
        if (d.toSeconds() % 3600 == 0) {
            return d.toHours() + "h";
        }
        if (d.toSeconds() % 60 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toSeconds() + "s";
    }

    /**
     * A policy as the admin API shows and takes it.
     *
     * @param group            the group (ignored on input: the path names it)
     * @param window           ISO-8601 duration such as {@code PT15M}
     * @param minComparisons   see {@link GroupPolicy}
     * @param maxMismatchRate  see {@link GroupPolicy}
     * @param maxCoreErrorRate see {@link GroupPolicy}
     * @param maxLatencyRatio  see {@link GroupPolicy}
     * @param autoRollback     see {@link GroupPolicy}
     */
    public record PolicyView(String group, String window, Integer minComparisons, Double maxMismatchRate,
                             Double maxCoreErrorRate, Double maxLatencyRatio, Boolean autoRollback) {

        public static PolicyView of(GroupPolicy p) {
            return new PolicyView(p.group(), p.window().toString(), p.minComparisons(), p.maxMismatchRate(),
                    p.maxCoreErrorRate(), p.maxLatencyRatio(), p.autoRollback());
        }

        /** The policy this view states for {@code group}; every field is required. */
        public GroupPolicy policy(String group) {
            if (window == null || minComparisons == null || maxMismatchRate == null || maxCoreErrorRate == null
                    || maxLatencyRatio == null || autoRollback == null) {
                throw new IllegalArgumentException("window, minComparisons, maxMismatchRate, maxCoreErrorRate,"
                        + " maxLatencyRatio and autoRollback are all required");
            }
            return new GroupPolicy(group, EvidenceQuery.window(window), minComparisons, maxMismatchRate, maxCoreErrorRate,
                    maxLatencyRatio, autoRollback);
        }
    }
}
