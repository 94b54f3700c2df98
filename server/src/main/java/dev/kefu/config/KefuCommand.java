package dev.kefu.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line of {@code ./kefu}. Every option can also come from KEFU_* variables or --config. */
@Command(name = "kefu", mixinStandardHelpOptions = true, versionProvider = KefuCommand.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Self-hosted live chat: visitor widget, agent workbench and admin console in one server.",
            "Each option also reads an environment variable: --port from KEFU_PORT, --db-url from KEFU_DB_URL, ...",
            "and, below those, the properties file given by --config (keys without dashes: port=3000)."})
public final class KefuCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "HTTP and WebSocket port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data", defaultValue = "./data", description = "Data directory: SQLite database, uploads (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/kefu. Without it: SQLite in --data.")
    String dbUrl;

    @Option(names = "--db-user", description = "PostgreSQL user.")
    String dbUser;

    @Option(names = "--db-password", description = "PostgreSQL password (prefer KEFU_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with option values (also KEFU_CONFIG).")
    Path config;

    @Option(names = "--public-url", description = "Address users reach Kefu at, for printed links (default: http://localhost:PORT).")
    String publicUrl;

    @Option(names = "--max-message-length", defaultValue = "4000", description = "Longest message text in characters (default: ${DEFAULT-VALUE}).")
    int maxMessageLength;

    @Option(names = "--max-connections-per-ip", defaultValue = "200", description = "WebSockets one client IP may hold (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerIp;

    @Option(names = "--ws-rate", defaultValue = "20", description = "Frames per second one WebSocket may send, bursts of twice that (default: ${DEFAULT-VALUE}).")
    int wsRate;

    @Option(names = "--trust-proxy", defaultValue = "false", description = "Take client IPs from X-Forwarded-For (only behind your own proxy).")
    boolean trustProxy;

    @Option(names = "--heartbeat-seconds", defaultValue = "25", description = "Ping a silent WebSocket after this long; close it after three times this (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--smtp-url", description = "Where e-mail goes (offline messages, transcripts, password resets), e.g. smtp://user:password@mail.example.com:587?starttls=true. Without it: no e-mail.")
    String smtpUrl;

    @Option(names = "--mail-from", defaultValue = "kefu@localhost", description = "Sender address of Kefu's e-mail (default: ${DEFAULT-VALUE}).")
    String mailFrom;

    @Option(names = "--redis", description = "Redis URL for a cluster node, e.g. redis://127.0.0.1:6379 (needs --db-url). Without it: a single node.")
    String redisUrl;

    @Option(names = "--geoip-db", paramLabel = "PATH", description = "Geo-IP database (.mmdb file or folder of them) for visitor locations (default: geoip/*.mmdb beside the jar, else in --data).")
    Path geoipDb;

    @Option(names = "--reset-password", paramLabel = "EMAIL", description = "Print a one-time link (valid 24 hours) to set a new password for this agent, the owner included, and exit. Give the same --data or --db-url as the server.")
    String resetPassword;

    private final Function<Settings, Integer> server;
    private final BiFunction<Settings, String, Integer> passwordReset;

    KefuCommand(Function<Settings, Integer> server, BiFunction<Settings, String, Integer> passwordReset) {
        this.server = server;
        this.passwordReset = passwordReset;
    }

    @Override
    public Integer call() {
        if (resetPassword != null) {
            return passwordReset.apply(settings(), resetPassword);
        }
        return server.apply(settings());
    }

    private Settings settings() {
        return new Settings(host, port, data, dbUrl, dbUser, dbPassword, publicUrl, maxMessageLength,
                maxConnectionsPerIp, wsRate, trustProxy, heartbeatSeconds * 1000L, smtpUrl, mailFrom, redisUrl, geoipDb);
    }

    /** Builds the command line with defaults from {@code env} and the config file the arguments or env name. */
    public static CommandLine commandLine(String[] args, Map<String, String> env, Function<Settings, Integer> server) {
        return commandLine(args, env, server, (settings, email) -> {
            throw new UnsupportedOperationException("--reset-password");
        });
    }

    /** The same, with what {@code --reset-password EMAIL} does. */
    public static CommandLine commandLine(String[] args, Map<String, String> env, Function<Settings, Integer> server,
                                          BiFunction<Settings, String, Integer> passwordReset) {
        CommandLine cl = new CommandLine(new KefuCommand(server, passwordReset));
        cl.setDefaultValueProvider(new ConfigDefaults(env, configFile(args, env)));
        return cl;
    }

    private static Path configFile(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        String fromEnv = env.get("KEFU_CONFIG");
        return fromEnv == null || fromEnv.isEmpty() ? null : Path.of(fromEnv);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KefuCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Kefu " + (v == null ? "dev" : v)};
        }
    }
}
