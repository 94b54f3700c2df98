package dev.kefu.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured, as written to report.json and read back to merge the reports of several processes.
 *
 * @param settings the options the run was started with, for the record
 * @param latency  by name: delivery, echo, ack, sendLag, connect, reconnect
 * @param server   null when no server pid was given
 * @param idle     null unless the mode is idle
 */
public record RunResult(String mode, String url, String transport, int processes, long startedAtMillis,
                        Map<String, Object> settings, Traffic traffic, Connections connections, Correctness agents,
                        Correctness visitors, Map<String, LatencySummary> latency, List<TimelinePoint> timeline,
                        ServerStats server, IdleMemory idle) {

    /** Whether every acked message arrived exactly once and in order everywhere it should. */
    @JsonProperty
    public boolean correct() {
        return agents.clean() && visitors.clean();
    }
}
