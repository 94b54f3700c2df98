package dev.kefu.routing;

import java.util.Locale;
import java.util.Optional;

/**
 * How the queue hands conversations to agents. MANUAL: agents pick from the queue by hand. ROUND_ROBIN: the
 * available agent whose last assignment is oldest. LEAST_BUSY: the one with the fewest open conversations.
 * STICKY: the agent who served the visitor last, when available; otherwise least-busy.
 */
public enum RoutingPolicy {
    MANUAL, ROUND_ROBIN, LEAST_BUSY, STICKY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<RoutingPolicy> parse(String s) {
        for (RoutingPolicy p : values()) {
            if (p.wire().equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
