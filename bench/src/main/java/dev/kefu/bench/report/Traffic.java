package dev.kefu.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * What was sent and received. {@code planned} is what the schedule called for, {@code sent} the distinct
 * messages written; {@code resent} re-sends after a reconnect;
 * {@code retried} re-sends after a retryable error frame; {@code rejected} sends refused for good.
 */
public record Traffic(long planned, long sent, long acked, long rejected, long retried, long resent,
                      long agentDeliveries, long visitorDeliveries, double measuredSeconds,
                      Map<String, Long> errorFrames) {

    @JsonProperty
    public double ackedPerSecond() {
        return measuredSeconds <= 0 ? 0 : acked / measuredSeconds;
    }

    @JsonProperty
    public double agentDeliveriesPerSecond() {
        return measuredSeconds <= 0 ? 0 : agentDeliveries / measuredSeconds;
    }
}
