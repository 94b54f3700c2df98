package dev.kefu.useragent;

import dev.kefu.visitor.UserAgents;
import java.util.concurrent.ConcurrentHashMap;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * {@link UserAgents} with ua-parser (uap-java), the maintained port of the uap-core regex set. The parser is
 * built on first use (it compiles a few hundred patterns) and results are cached, since a handful of browsers
 * account for most visitors. Thread-safe.
 */
public final class UapUserAgents implements UserAgents {
    private static final int MAX_CACHED = 10_000;

    private volatile Parser parser;
    private final ConcurrentHashMap<String, Device> cache = new ConcurrentHashMap<>();

    @Override
    public Device parse(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return new Device(null, null, null);
        }
        Device cached = cache.get(userAgent);
        if (cached != null) {
            return cached;
        }
        Client c = parser().parse(userAgent);
        Device d = new Device(name(c.userAgent.family, c.userAgent.major), name(c.os.family, c.os.major),
                "Other".equals(c.device.family) ? null : c.device.family);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(userAgent, d);
        return d;
    }

    private Parser parser() {
        Parser p = parser;
        if (p == null) {
            synchronized (this) {
                if (parser == null) {
                    parser = new Parser();
                }
                p = parser;
            }
        }
        return p;
    }

    private static String name(String family, String major) {
        if (family == null || family.equals("Other")) {
            return null;
        }
        return major == null ? family : family + " " + major;
    }
}
