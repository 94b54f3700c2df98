package dev.kefu.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A Kefu node in a process of its own (as in production), on loopback; killable with SIGKILL. */
public final class Node implements AutoCloseable {
    public final int port;
    public final Http http;
    private final Process process;
    private final CompletableFuture<String> setupLink = new CompletableFuture<>();
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());

    private Node(int port, List<String> args) throws IOException {
        this.port = port;
        this.http = new Http("http://127.0.0.1:" + port);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "dev.kefu.Kefu", "--port", String.valueOf(port),
                "--host", "127.0.0.1", "--ws-rate", "1000"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        this.process = pb.start();
        Thread.ofPlatform().daemon().name("node-" + port + "-out").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    if (line.contains("/setup#token=")) {
                        setupLink.complete(line.strip());
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    /** Starts a cluster node on PostgreSQL and Redis and waits until it answers. */
    public static Node start(String dbUrl, String redisUrl) throws Exception {
        return start(freePort(), dbUrl, redisUrl);
    }

    public static Node start(int port, String dbUrl, String redisUrl) throws Exception {
        Path data = Files.createTempDirectory("kefu-node");
        Node n = new Node(port, List.of("--data", data.toString(), "--db-url", dbUrl, "--db-user", "postgres",
                "--redis", redisUrl));
        n.awaitHealthy();
        return n;
    }

    public String wsUrl(String token) {
        return "ws://127.0.0.1:" + port + "/ws?token=" + token;
    }

    /** The owner's setup token, if this node created the workspace. */
    public String setupToken() throws Exception {
        String link = setupLink.get(30, TimeUnit.SECONDS);
        return link.substring(link.indexOf("token=") + 6);
    }

    private void awaitHealthy() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("node died while starting:\n" + String.join("\n", output));
            }
            try {
                if (http.get("/healthz", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node did not start:\n" + String.join("\n", output));
    }

    /** kill -9: no shutdown hook, no goodbye to clients. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
