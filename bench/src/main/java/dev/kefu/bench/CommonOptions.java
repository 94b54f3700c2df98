package dev.kefu.bench;

import dev.kefu.bench.load.ServerUrls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code idle}; filled in by picocli on the main thread. */
final class CommonOptions {

    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080",
            description = "Server base URL (REST and /ws), or the nodes of a cluster separated by commas: visitor i "
                    + "and agent j start on node i (j) mod N and move to the next node when their connection drops. "
                    + "Default: ${DEFAULT-VALUE}")
    String url;

    @Option(names = "--workspace", required = true,
            description = "Workspace id the visitors start sessions in (any value for the baseline).")
    String workspace;

    @Option(names = "--visitors", defaultValue = "100",
            description = "Visitor connections in total. Default: ${DEFAULT-VALUE}")
    int visitors;

    @Option(names = "--ramp-seconds", defaultValue = "5",
            description = "Visitors connect evenly spread over this time. Default: ${DEFAULT-VALUE}")
    double rampSeconds;

    @Option(names = "--source-addresses", split = ",", paramLabel = "ADDR",
            description = "Local addresses to bind client sockets to, round-robin (e.g. 127.0.0.1,127.0.0.2): "
                    + "each has ~28k ephemeral ports.")
    List<String> sourceAddresses = new ArrayList<>();

    @Option(names = "--forwarded-for",
            description = "Send each visitor's requests with its own X-Forwarded-For address from 198.18.0.0/15 "
                    + "(header only), so a server started with --trust-proxy applies per-IP limits per visitor.")
    boolean forwardedFor;

    @Option(names = "--server-pid", split = ",", paramLabel = "PID",
            description = "Server process to sample (/proc/PID: VmRSS and CPU) once a second; several pids "
                    + "separated by commas (the nodes of a cluster) are summed.")
    List<Long> serverPids = new ArrayList<>();

    @Option(names = "--out", defaultValue = "bench-out",
            description = "Directory for report.txt, report.json and report.html. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--event-loops", description = "Client event-loop threads. Default: the number of cores.")
    int eventLoops = Runtime.getRuntime().availableProcessors();

    @Option(names = "--processes", defaultValue = "1",
            description = "Split the connections over this many client JVMs (each may hold ~19k sockets under a "
                    + "20,000 open-file limit) and merge their reports. Default: ${DEFAULT-VALUE}")
    int processes;

    @Option(names = "--process-index", defaultValue = "-1", hidden = true,
            description = "Set by --processes for each child process.")
    int processIndex;

    @Option(names = "--start-at", defaultValue = "0", hidden = true,
            description = "Wall-clock start (epoch ms) agreed by the processes of a split run.")
    long startAtMillis;

    @Option(names = "--start-delay-seconds", defaultValue = "8",
            description = "Split runs: how long the children get to start and connect their agents before the "
                    + "common start. Default: ${DEFAULT-VALUE}")
    int startDelaySeconds;

    /** Whether this JVM starts and merges child processes rather than simulating clients itself. */
    boolean coordinates() {
        return processes > 1 && processIndex < 0;
    }

    void validate() {
        if (visitors < 1) {
            throw new IllegalArgumentException("--visitors must be at least 1");
        }
        if (processes < 1 || processes > visitors) {
            throw new IllegalArgumentException("--processes must be between 1 and --visitors");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("--event-loops must be at least 1");
        }
        if (rampSeconds < 0) {
            throw new IllegalArgumentException("--ramp-seconds must not be negative");
        }
        ServerUrls.parse(url);
        serverPids.removeIf(pid -> pid == 0);
        if (serverPids.stream().anyMatch(pid -> pid < 0)) {
            throw new IllegalArgumentException("--server-pid must be positive");
        }
    }
}
