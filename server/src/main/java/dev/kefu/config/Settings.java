package dev.kefu.config;

import java.nio.file.Path;

/**
 * Everything the server is configured with, resolved from (highest first) command-line options, KEFU_*
 * environment variables, the --config file, and defaults.
 *
 * @param dbUrl                JDBC URL of PostgreSQL; null means embedded SQLite in {@code data}
 * @param publicUrl            the address users reach this server at, for links it prints
 * @param maxConnectionsPerIp  WebSockets one client IP may hold at once
 * @param wsRate               frames per second one WebSocket may send (bursts of twice that)
 * @param trustProxy           take the client IP from X-Forwarded-For (only behind a trusted proxy)
 * @param heartbeatMillis      silence after which a WebSocket is pinged; three times it, closed
 * @param smtpUrl              where e-mail goes, e.g. smtp://user:password@mail.example.com:587?starttls=true;
 *                             null: no e-mail
 * @param mailFrom             the sender address of Kefu's e-mail
 * @param redisUrl             redis://host:port of a cluster's Redis; null: a single node
 * @param geoipDb              geo-IP database file or folder (--geoip-db); null: geoip/*.mmdb beside the jar or in
 *                             {@code data}
 */
public record Settings(String host, int port, Path data, String dbUrl, String dbUser, String dbPassword,
                       String publicUrl, int maxMessageLength, int maxConnectionsPerIp, int wsRate,
                       boolean trustProxy, long heartbeatMillis, String smtpUrl, String mailFrom, String redisUrl,
                       Path geoipDb) {

    public Settings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535");
        }
        if (maxMessageLength < 1 || maxMessageLength > 60_000) {
            throw new IllegalArgumentException("--max-message-length must be 1..60000");
        }
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("--max-connections-per-ip must be at least 1");
        }
        if (heartbeatMillis < 100) {
            throw new IllegalArgumentException("--heartbeat-seconds must be positive");
        }
        if (wsRate < 1) {
            throw new IllegalArgumentException("--ws-rate must be at least 1");
        }
    }

    /** Settings for tests and tools: an ephemeral port and SQLite in {@code data}. */
    public static Settings forData(Path data) {
        return new Settings("127.0.0.1", 0, data, null, null, null, null, 4000, 10_000, 1000, false, 25_000, null,
                null, null, null);
    }

    public Settings withDb(String url, String user, String password) {
        return new Settings(host, port, data, url, user, password, publicUrl, maxMessageLength, maxConnectionsPerIp,
                wsRate, trustProxy, heartbeatMillis, smtpUrl, mailFrom, redisUrl, geoipDb);
    }

    public Settings withLimits(int maxMessageLength, int maxConnectionsPerIp, int wsRate) {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trustProxy, heartbeatMillis, smtpUrl, mailFrom, redisUrl, geoipDb);
    }

    public Settings withTrustProxy(boolean trust) {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trust, heartbeatMillis, smtpUrl, mailFrom, redisUrl, geoipDb);
    }

    public Settings withHeartbeat(long millis) {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trustProxy, millis, smtpUrl, mailFrom, redisUrl, geoipDb);
    }

    public Settings withMail(String smtpUrl, String mailFrom) {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trustProxy, heartbeatMillis, smtpUrl, mailFrom, redisUrl, geoipDb);
    }


    public Settings withGeoipDb(Path path) {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trustProxy, heartbeatMillis, smtpUrl, mailFrom, redisUrl, path);
    }
}
