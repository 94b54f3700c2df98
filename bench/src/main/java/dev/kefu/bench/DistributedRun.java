package dev.kefu.bench;

import dev.kefu.bench.report.ReportMerger;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Splits one run over K child JVMs of this same jar and merges their reports. Each child simulates a slice of the
 * visitors and every K-th agent, writes its own report under {@code OUT/proc-N}, and starts at a wall-clock time
 * agreed here, so ramps, storms and timelines line up. Only child 0 samples the server. Runs on the main thread.
 */
final class DistributedRun {

    /** Options this coordinator decides per child; the rest of the command line is passed through unchanged. */
    private static final Set<String> PER_CHILD = Set.of("--processes", "--process-index", "--start-at", "--out",
            "--server-pid");

    private DistributedRun() {}

    static RunResult run(String subcommand, List<String> originalArgs, CommonOptions common, PrintStream out)
            throws IOException, InterruptedException {
        // picocli's original arguments start with the subcommand's name (and any options before it).
        List<String> ownArgs = originalArgs.subList(originalArgs.indexOf(subcommand) + 1, originalArgs.size());
        List<String> passThrough = withoutPerChildOptions(ownArgs);
        long startAt = (System.currentTimeMillis() / 1000 + common.startDelaySeconds + 1) * 1000;
        List<Process> children = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < common.processes; i++) {
            Path dir = common.out.resolve("proc-" + i);
            Files.createDirectories(dir);
            List<String> cmd = new ArrayList<>(javaCommand());
            cmd.add(subcommand);
            cmd.addAll(passThrough);
            cmd.addAll(List.of("--processes", Integer.toString(common.processes), "--process-index",
                    Integer.toString(i), "--start-at", Long.toString(startAt), "--out", dir.toString()));
            if (i == 0 && !common.serverPids.isEmpty()) {
                cmd.addAll(List.of("--server-pid", common.serverPids.stream().map(String::valueOf)
                        .collect(Collectors.joining(","))));
            }
            children.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile()).start());
            dirs.add(dir);
        }
        out.printf("started %d client processes; their output is in %s/proc-*/console.log%n", children.size(),
                common.out);
        List<RunResult> parts = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            int exit = children.get(i).waitFor();
            Path report = dirs.get(i).resolve("report.json");
            if (!Files.exists(report)) {
                throw new IllegalStateException("process " + i + " exited with " + exit + " and no report; see "
                        + dirs.get(i).resolve("console.log"));
            }
            out.printf("process %d finished (exit %d)%n", i, exit);
            parts.add(ReportWriter.read(report));
        }
        RunResult merged = ReportMerger.merge(parts);
        ReportWriter.write(common.out, merged);
        return merged;
    }

    /** The same JVM, classpath and JVM options as this one, running {@link LoadTool}. */
    private static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadTool.class.getName()));
        return cmd;
    }

    static List<String> withoutPerChildOptions(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (PER_CHILD.contains(name)) {
                if (!arg.contains("=")) {
                    i++; // skip the value too
                }
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }
}
