package io.ficus.gateway.admin;

import io.ficus.gateway.catalog.Mode;
import io.ficus.gateway.evidence.EvidenceAudit;
import io.ficus.gateway.evidence.PromotionGate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The promotion gate of the admin API's flips: a promotion whose group does not meet its policy is refused with 409
 * and the unmet conditions, unless forced; a forced one is audited as such (its reason is recorded with the
 * {@value #FORCED} mark, and an entry with the unmet conditions goes to the evidence audit).
 */
@Component
class Gates {

    /** Mark at the start of a forced promotion's reason in the toggles' audit. */
    static final String FORCED = "[forced] ";

    /** A promotion refused: the group's evidence does not meet its policy. */
    static final class PromotionRefusedException extends RuntimeException {

        private final List<String> unmet;

        PromotionRefusedException(String message, List<String> unmet) {
            super(message);
            this.unmet = List.copyOf(unmet);
        }

        List<String> unmet() {
            return unmet;
        }
    }

    private final PromotionGate gate;
    private final EvidenceAudit audit;

    Gates(PromotionGate gate, EvidenceAudit audit) {
        this.gate = gate;
        this.audit = audit;
    }

    /**
     * Checks a flip; returns the reason to record (marked when forced).
     *
     * @throws PromotionRefusedException when a gated promotion is not met and not forced
     */
    String check(String group, boolean gated, Mode to, boolean force, String actor, String reason) {
        if (!gated) {
            return reason;
        }
        PromotionGate.Readiness readiness = gate.readiness(group, to);
        if (readiness.met()) {
            return reason;
        }
        if (!force) {
            throw new PromotionRefusedException("promotion of group '" + group + "' to " + to + " refused: its evidence"
                    + " does not meet its policy (" + String.join("; ", readiness.unmet()) + "); collect more evidence,"
                    + " change the policy, or force it with \"force\": true and a reason", readiness.unmet());
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a reason is required");
        }
        audit.record(actor, "FORCED_PROMOTION", group, true, reason, "to " + to + " with unmet: "
                + String.join("; ", readiness.unmet()));
        return FORCED + reason;
    }
}
