package dev.kefu.bench.load;

import dev.kefu.bench.client.RestClient;
import dev.kefu.bench.client.WsConnector;

/**
 * What every simulated visitor and agent of one process shares. Immutable references to thread-safe objects.
 *
 * @param agentToken the agent session token of this process, or null when it has none
 */
record RunContext(RunConfig config, Schedule schedule, Metrics metrics, RestClient rest, WsConnector connector,
                  String agentToken) {

    int process() {
        return config.processIndex();
    }
}
