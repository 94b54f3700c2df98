package dev.kefu.bench.report;

import java.util.Map;

/**
 * Connection outcomes. {@code visitorsConnected} is the number that reached {@code hello}; failures are keyed by
 * a short reason, e.g. {@code http-429} or {@code session:http-400-invalid}.
 */
public record Connections(int visitorsPlanned, int visitorsConnected, int agentsPlanned, int agentsConnected,
                          long reconnects, Map<String, Long> handshakeFailures, Map<String, Long> setupFailures,
                          Map<String, Long> unexpectedCloses) {}
