package dev.kefu.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The nodes a run talks to, from {@code --url}: one base URL, or several separated by commas (the nodes of a
 * cluster). Visitor {@code i} starts on node {@code i mod N}, agent {@code j} on node {@code j mod N}; a client whose
 * connection drops, or whose connection attempt fails, moves on to the next node in the list. Stateless.
 */
public final class ServerUrls {

    private ServerUrls() {}

    /** Parses {@code --url}: comma-separated {@code http://} or {@code https://} base URLs, in order, at least one. */
    public static List<URI> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--url needs at least one server base URL");
        }
        List<URI> urls = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String s = part.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("--url has an empty entry: " + spec);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a URL in --url: " + part.trim(), e);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--url entries must be http:// or https:// base URLs: "
                        + part.trim());
            }
            if (urls.contains(uri)) {
                throw new IllegalArgumentException("--url names " + uri + " twice");
            }
            urls.add(uri);
        }
        return List.copyOf(urls);
    }

    /** The node a client starts on: client {@code index} of its kind, round-robin over {@code nodes}. */
    public static int firstNode(int index, int nodes) {
        return Math.floorMod(index, nodes);
    }

    /** The node after {@code node}, wrapping round: where a client goes when its connection drops or fails. */
    public static int nextNode(int node, int nodes) {
        return (node + 1) % nodes;
    }
}
