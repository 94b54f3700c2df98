package dev.kefu.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The bench's entry point: {@code java -jar kefu-bench.jar run|idle|baseline|merge …}. Exit codes: 0 success,
 * 1 an error, 2 the run finished but messages were lost, duplicated or out of order.
 */
@Command(name = "kefu-bench", mixinStandardHelpOptions = true, version = "kefu-bench 0.1.0",
        description = "Load tool and baseline relay for Kefu (see bench/README.md).",
        subcommands = {RunCommand.class, IdleCommand.class, BaselineCommand.class, MergeCommand.class})
public final class LoadTool implements Runnable {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command and returns its exit code, without exiting; tests call this. */
    public static int execute(String... args) {
        return new CommandLine(new LoadTool())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
