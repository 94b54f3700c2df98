package dev.kefu.bench.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kefu cluster of node processes on this machine, as in production: a redis-server of its own on a free port, a
 * fresh schema in the machine's PostgreSQL (127.0.0.1:5432, database test, user postgres, trust auth), and nodes
 * started from the test classpath ({@code dev.kefu.Kefu}), each on its own port, which a test may stop with SIGTERM
 * and start again. The first node runs the migrations; {@link #setUp} creates the owner through its setup link.
 */
public final class LocalCluster implements AutoCloseable {

    private static final String DB = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Pattern SETUP_TOKEN = Pattern.compile("setup#token=(\\S+)");

    private final Path dir;
    private final Process redis;
    private final int redisPort;
    private final String schema;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String workspaceId;

    public LocalCluster(Path dir, int nodes) throws Exception {
        this.dir = dir;
        this.redisPort = freePort();
        this.redis = new ProcessBuilder("redis-server", "--port", String.valueOf(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        awaitPort(redisPort, 10);
        this.schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(DB, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        for (int i = 0; i < nodes; i++) {
            ports.add(freePort());
            processes.add(null);
        }
    }

    /** Starts node 0 alone (it runs the migrations), creates the owner, then starts the others. */
    public void setUp(String email, String password) throws Exception {
        start(0);
        Matcher m = SETUP_TOKEN.matcher("");
        for (int tries = 0; !m.find(); tries++) {
            if (tries == 50) {
                throw new AssertionError("node 0 printed no setup link:\n" + Files.readString(log(0)));
            }
            Thread.sleep(100);
            m = SETUP_TOKEN.matcher(Files.readString(log(0)));
        }
        String body = "{\"token\":\"" + m.group(1) + "\",\"name\":\"Bench\",\"email\":\"" + email
                + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> setup = http.send(HttpRequest.newBuilder(URI.create(url(0) + "/api/v1/setup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (setup.statusCode() != 201) {
            throw new AssertionError("setup: " + setup.statusCode() + " " + setup.body());
        }
        JsonNode json = new ObjectMapper().readTree(setup.body());
        workspaceId = json.path("agent").path("workspaceId").asText();
        for (int i = 1; i < ports.size(); i++) {
            start(i);
        }
    }

    public String workspaceId() {
        return workspaceId;
    }

    public String url(int node) {
        return "http://127.0.0.1:" + ports.get(node);
    }

    /** Every node's base URL, comma-separated, as {@code --url} takes them. */
    public String urls() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            all.add(url(i));
        }
        return String.join(",", all);
    }

    /** Starts node {@code i} on its port and waits until {@code /healthz} answers 200. */
    public void start(int i) throws Exception {
        Path data = Files.createDirectories(dir.resolve("node-" + i));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.kefu.Kefu",
                "--port", String.valueOf(ports.get(i)), "--host", "127.0.0.1", "--data", data.toString(),
                "--db-url", DB + "?currentSchema=" + schema, "--db-user", "postgres",
                "--redis", "redis://127.0.0.1:" + redisPort,
                "--trust-proxy", "--max-connections-per-ip", "100000", "--ws-rate", "1000");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(i).toFile())).start();
        processes.set(i, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("node " + i + " died while starting:\n" + Files.readString(log(i)));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url(i) + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + i + " did not start:\n" + Files.readString(log(i)));
    }

    /** SIGTERM, as a rolling restart does: the node closes its WebSockets (1001) and exits. Waits for the exit. */
    public void stop(int i) throws InterruptedException {
        Process p = processes.get(i);
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("node " + i + " did not exit within 30 s of SIGTERM");
            }
        }
    }

    public Path log(int i) {
        return dir.resolve("node-" + i + ".log");
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try (Connection c = DriverManager.getConnection(DB, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("nothing listens on port " + port);
    }
}
