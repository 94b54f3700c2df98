package dev.kefu.bench.load;

import dev.kefu.bench.client.RestClient;
import dev.kefu.bench.client.WsConnector;
import java.util.List;

/**
 * What every simulated visitor and agent of one process shares. Immutable references to thread-safe objects.
 *
 * @param rests      REST clients, one per source address, used round-robin by visitor
 * @param agentToken the agent session token of this process, or null when it has none
 */
record RunContext(RunConfig config, Schedule schedule, Metrics metrics, List<RestClient> rests,
                  WsConnector connector, String agentToken) {

    RestClient rest(int visitor) {
        return rests.get(Math.floorMod(visitor, rests.size()));
    }

    int process() {
        return config.processIndex();
    }
}
