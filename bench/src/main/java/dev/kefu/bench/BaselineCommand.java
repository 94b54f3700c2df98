package dev.kefu.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code baseline}: run {@link BaselineRelay} in the foreground until the process is stopped. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Run the baseline relay: raw Netty, same protocol shape, no storage, no auth, no domain logic.")
final class BaselineCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9090", description = "Port to listen on. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind. Default: ${DEFAULT-VALUE}")
    String host;

    @Option(names = "--io-threads", description = "Event-loop threads. Default: the number of cores.")
    int ioThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--replay-window", defaultValue = "8",
            description = "Recent messages kept per conversation for re-send dedupe and resume replay. "
                    + "Default: ${DEFAULT-VALUE}")
    int replayWindow;

    @Override
    public Integer call() throws Exception {
        BaselineRelay relay = BaselineRelay.start(
                new BaselineRelay.Options(host, port, ioThreads, "ws-baseline", replayWindow));
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "relay-shutdown"));
        System.out.printf("baseline relay listening on http://%s:%d (%s, %d io threads, pid %d)%n", host,
                relay.port(), relay.transportName(), ioThreads, ProcessHandle.current().pid());
        relay.awaitClose();
        return 0;
    }
}
