package dev.kefu.routing;

import dev.kefu.common.KefuException;

/**
 * A workspace's routing rules.
 *
 * @param policy                the default policy (a team may have its own)
 * @param answerTimeoutSeconds  an auto-assigned conversation the agent has not answered within this time goes
 *                              to another available agent; 0 turns it off
 * @param offlineGraceSeconds   how long an agent whose last connection dropped still counts as present before
 *                              their conversations are reassigned (a page reload or a short network loss)
 * @param autoResolveSeconds    a conversation without any message for this many seconds is resolved; 0: never
 */
public record RoutingSettings(String policy, int answerTimeoutSeconds, int offlineGraceSeconds,
                              int autoResolveSeconds) {
    public static final RoutingSettings DEFAULTS = new RoutingSettings("least_busy", 120, 30, 0);
    public static final int MAX_CHATS_LIMIT = 100;

    public RoutingPolicy routingPolicy() {
        return RoutingPolicy.parse(policy).orElse(RoutingPolicy.LEAST_BUSY);
    }

    public RoutingSettings validate() {
        if (RoutingPolicy.parse(policy).isEmpty()) {
            throw KefuException.invalid("policy must be one of manual, round_robin, least_busy, sticky");
        }
        if (answerTimeoutSeconds < 0 || answerTimeoutSeconds > 86_400) {
            throw KefuException.invalid("answerTimeoutSeconds must be between 0 (off) and 86400");
        }
        if (autoResolveSeconds < 0 || autoResolveSeconds > 2_592_000) {
            throw KefuException.invalid("autoResolveSeconds must be between 0 (off) and 2592000 (30 days)");
        }
        if (offlineGraceSeconds < 0 || offlineGraceSeconds > 3_600) {
            throw KefuException.invalid("offlineGraceSeconds must be between 0 and 3600");
        }
        return this;
    }
}
