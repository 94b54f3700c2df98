package dev.kefu.ui;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A customer's web site on another origin than Kefu (same loopback address, another port): serves small HTML
 * pages that embed the widget with the snippet from the admin console, plus any extra attributes.
 */
final class HostSite implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final int kefuPort;
    private final String workspaceId;

    HostSite(int kefuPort, String workspaceId) throws IOException {
        this.kefuPort = kefuPort;
        this.workspaceId = workspaceId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", page == null ? "text/plain" : "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Publishes {@code path} (e.g. "/shop.html") with the widget snippet; returns the page's URL. */
    String page(String path, String title, String extraAttributes) {
        String snippet = "<script async src=\"http://127.0.0.1:" + kefuPort + "/widget.js\" data-workspace=\""
                + workspaceId + "\"" + (extraAttributes.isEmpty() ? "" : " " + extraAttributes) + "></script>";
        pages.put(path, """
                <!doctype html>
                <html lang="en">
                <head><meta charset="utf-8"><title>%s</title>
                <style>body{font:16px system-ui,sans-serif;margin:40px;color:#222;background:#fafafa}</style></head>
                <body>
                <h1>%s</h1>
                <p>A page of the shop, on its own origin, with the Kefu widget embedded.</p>
                %s
                </body>
                </html>
                """.formatted(title, title, snippet));
        return origin() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
