package dev.kefu.http;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the web UI from the jar's {@code static/} folder: content types, strong ETags, precompressed
 * {@code .gz} siblings, and the single-page-app fallbacks for {@code /app/} and {@code /admin/}.
 * Assets are read once and kept in memory (the UI is small). Thread-safe.
 */
public final class StaticFiles {
    /** One file ready to send. {@code gzip} is null when no precompressed copy exists. */
    public record Asset(byte[] body, byte[] gzip, String contentType, String etag, String cacheControl) {
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"), Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("webp", "image/webp"), Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"));

    private final String root;
    private final ClassLoader loader;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    public StaticFiles(String root) {
        this.root = root.endsWith("/") ? root : root + "/";
        this.loader = StaticFiles.class.getClassLoader();
    }

    /** The asset for a URL path, after SPA fallbacks; empty when there is none. */
    public Optional<Asset> find(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("\0")) {
            return Optional.empty();
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty() || p.endsWith("/")) {
            p = p + "index.html";
        } else if (!p.substring(p.lastIndexOf('/') + 1).contains(".")) {
            // No extension: a folder such as /setup, served by its index (a jar's folder entry reads as empty).
            p = p + "/index.html";
        }
        Optional<Asset> direct = load(p);
        if (direct.isPresent()) {
            return direct;
        }
        for (String app : new String[] {"app", "admin", "setup"}) {
            if (p.startsWith(app + "/") && p.endsWith("/index.html")) {
                return load(app + "/index.html");
            }
        }
        return Optional.empty();
    }

    private Optional<Asset> load(String relative) {
        return cache.computeIfAbsent(relative, this::read);
    }

    private Optional<Asset> read(String relative) {
        byte[] body = bytes(root + relative);
        if (body == null) {
            return Optional.empty();
        }
        byte[] gzip = bytes(root + relative + ".gz");
        String ext = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        String cache = relative.startsWith("assets/") || relative.contains("/assets/")
                ? "public, max-age=31536000, immutable"
                : ext.equals("html") ? "no-cache" : "public, max-age=300";
        return Optional.of(new Asset(body, gzip, type, "\"" + sha256(body) + "\"", cache));
    }

    private byte[] bytes(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
