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

/** {@code idle}: open visitor connections, hold them, and report the server's memory per connection. */
@Command(name = "idle", mixinStandardHelpOptions = true,
        description = "Open and hold idle visitor WebSockets; report the server's RSS before, after and per "
                + "connection.")
final class IdleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--hold-seconds", defaultValue = "20",
            description = "How long to hold the connections after the ramp (at least 2). Default: ${DEFAULT-VALUE}")
    double holdSeconds;

    @Option(names = "--with-conversation",
            description = "Also open a conversation per visitor (as after a first message) before connecting.")
    boolean withConversation;

    @Override
    public Integer call() throws Exception {
        common.validate();
        if (holdSeconds < 2) {
            throw new IllegalArgumentException("--hold-seconds must be at least 2");
        }
        RunResult result;
        if (common.coordinates()) {
            result = DistributedRun.run("idle", spec.commandLine().getParseResult().originalArgs(), common,
                    System.out);
        } else {
            // No agents and no messages: rate, warm-up, think time and conversation length are all 0.
            RunConfig config = new RunConfig("idle", common.url, common.workspace, "", "",
                    common.visitors, 0, common.rampSeconds, 0, holdSeconds, 0, 1,
                    0, 0, false, withConversation,
                    List.copyOf(common.sourceAddresses), common.forwardedFor, List.copyOf(common.serverPids),
                    common.out,
                    common.eventLoops, 1, Math.max(0, common.processIndex), common.processes, common.startAtMillis);
            result = new LoadRun(config, System.out).run();
            ReportWriter.write(common.out, result);
        }
        System.out.println();
        System.out.print(TextReport.render(result));
        System.out.println("reports written to " + common.out.toAbsolutePath());
        return 0;
    }
}
