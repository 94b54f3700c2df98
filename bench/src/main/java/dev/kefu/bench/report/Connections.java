package dev.kefu.bench.report;

import java.util.Map;

/**
 * Connection outcomes. {@code visitorsConnected} is the number that reached {@code hello}; failures are keyed by
 * a short reason, e.g. {@code http-429} or {@code session:http-400-invalid}. {@code helloByNode} counts the
 * successful handshakes (first connections and reconnects, visitors and agents) per server base URL; it is null in
 * reports written before runs could use several nodes.
 */
public record Connections(int visitorsPlanned, int visitorsConnected, int agentsPlanned, int agentsConnected,
                          long reconnects, Map<String, Long> handshakeFailures, Map<String, Long> setupFailures,
                          Map<String, Long> unexpectedCloses, Map<String, Long> helloByNode) {}
