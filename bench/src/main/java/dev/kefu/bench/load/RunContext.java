package dev.kefu.bench.load;

import dev.kefu.bench.client.RestClient;
import dev.kefu.bench.client.WsConnector;
import java.util.List;

/**
 * What every simulated visitor and agent of one process shares. Immutable references to thread-safe objects.
 *
 * @param rests      REST clients by node (in {@code --url} order), then by source address, used round-robin by
 *                   visitor
 * @param connectors WebSocket connectors, one per node
 * @param known      the conversations this process's visitors opened
 * @param agentToken the agent session token of this process, or null when it has none
 */
record RunContext(RunConfig config, Schedule schedule, Metrics metrics, List<List<RestClient>> rests,
                  List<WsConnector> connectors, KnownConversations known, String agentToken) {

    /** The REST client of {@code visitor} towards {@code node}. */
    RestClient rest(int visitor, int node) {
        List<RestClient> atNode = rests.get(node);
        return atNode.get(Math.floorMod(visitor, atNode.size()));
    }

    int process() {
        return config.processIndex();
    }
}
