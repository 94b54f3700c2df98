package dev.kefu.bench;

import dev.kefu.bench.load.LoadRun;
import dev.kefu.bench.load.RunConfig;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import dev.kefu.bench.report.TextReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: visitors send on an open-model schedule, agents receive; latency and correctness are reported. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Simulate visitors and agents over WebSockets, measure latency and check delivery.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--agents", defaultValue = "2",
            description = "Agent connections; each receives every message. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(names = "--agent-email", defaultValue = "bench@kefu.local",
            description = "Agent login (all agent connections share one session). Default: ${DEFAULT-VALUE}")
    String agentEmail;

    @Option(names = "--agent-password", defaultValue = "bench-password",
            description = "Agent password. Default: ${DEFAULT-VALUE}")
    String agentPassword;

    @Option(names = "--rate", defaultValue = "100",
            description = "Messages per second, all visitors together. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(names = "--duration", defaultValue = "30",
            description = "Seconds of sending after the ramp. Default: ${DEFAULT-VALUE}")
    double duration;

    @Option(names = "--warmup-seconds", defaultValue = "0",
            description = "Leave the first seconds of sending out of the latency totals (JIT warm-up); they still "
                    + "count for correctness and appear in the timeline. Default: ${DEFAULT-VALUE}")
    double warmupSeconds;

    @Option(names = "--payload-bytes", defaultValue = "100",
            description = "Message text length (at least the ~40-character header). Default: ${DEFAULT-VALUE}")
    int payloadBytes;

    @Option(names = "--conversation-length", defaultValue = "0",
            description = "Messages per conversation; then an agent resolves it and the visitor opens a new one. "
                    + "0 = one conversation per visitor. Default: ${DEFAULT-VALUE}")
    int conversationLength;

    @Option(names = "--think-ms", defaultValue = "0",
            description = "Pause after each conversation before the next one's first message. "
                    + "Default: ${DEFAULT-VALUE}")
    long thinkMs;

    @Option(names = "--reconnect-storm", description = "Half-way through, drop every visitor connection at once; "
            + "they reconnect, resume from their last seq and re-send what was unacked.")
    boolean reconnectStorm;

    @Option(names = "--drain-seconds", defaultValue = "60",
            description = "After the last send, wait at most this long for acks and deliveries. "
                    + "Default: ${DEFAULT-VALUE}")
    double drainSeconds;

    @Override
    public Integer call() throws Exception {
        common.validate();
        validate();
        RunResult result;
        if (common.coordinates()) {
            result = DistributedRun.run("run", spec.commandLine().getParseResult().originalArgs(), common, System.out);
        } else {
            RunConfig config = new RunConfig("run", common.url, common.workspace, agentEmail, agentPassword,
                    common.visitors, agents, common.rampSeconds, rate, duration, warmupSeconds, payloadBytes,
                    thinkMs, conversationLength, reconnectStorm, true,
                    common.sourceAddresses, common.forwardedFor, List.copyOf(common.serverPids), common.out,
                    common.eventLoops,
                    drainSeconds, Math.max(0, common.processIndex), common.processes, common.startAtMillis);
            result = new LoadRun(config, System.out).run();
            ReportWriter.write(common.out, result);
        }
        System.out.println();
        System.out.print(TextReport.render(result));
        System.out.println("reports written to " + common.out.toAbsolutePath());
        return result.correct() ? 0 : 2;
    }

    private void validate() {
        if (warmupSeconds < 0 || warmupSeconds >= duration) {
            throw new IllegalArgumentException("--warmup-seconds must be at least 0 and below --duration");
        }
        if (agents < 0 || rate < 0 || duration <= 0 || payloadBytes < 1 || thinkMs < 0 || conversationLength < 0) {
            throw new IllegalArgumentException("--agents, --rate, --think-ms and --conversation-length must not be "
                    + "negative; --duration and --payload-bytes must be positive");
        }
        if (agents > 0 && agents < common.processes) {
            throw new IllegalArgumentException("--agents must be at least --processes: each process checks its own "
                    + "visitors' messages at its own agents");
        }
    }
}
