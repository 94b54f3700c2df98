package dev.kefu.bench.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Idle mode: the server's resident memory before any connection and while all were held, and the difference per
 * connection.
 */
public record IdleMemory(int connections, long rssBeforeKb, long rssAfterKb) {

    @JsonProperty
    public double bytesPerConnection() {
        return connections == 0 ? 0 : (rssAfterKb - rssBeforeKb) * 1024.0 / connections;
    }
}
