package dev.kefu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class KefuCommandTest {
    private static Settings parse(Map<String, String> env, String... args) {
        AtomicReference<Settings> seen = new AtomicReference<>();
        int code = KefuCommand.commandLine(args, env, s -> {
            seen.set(s);
            return 0;
        }).execute(args);
        assertThat(code).isZero();
        return seen.get();
    }

    @Test
    void defaults_are_port_8080_and_sqlite_in_data() {
        Settings s = parse(Map.of());
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.data()).isEqualTo(Path.of("./data"));
        assertThat(s.dbUrl()).isNull();
        assertThat(s.maxMessageLength()).isEqualTo(4000);
    }

    @Test
    void command_line_beats_environment_beats_config_file(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kefu.properties");
        Files.writeString(file, "port=3000\ndata=/srv/from-file\nmax-message-length=123\n");
        Settings fromFile = parse(Map.of(), "--config", file.toString());
        assertThat(fromFile.port()).isEqualTo(3000);
        assertThat(fromFile.data()).isEqualTo(Path.of("/srv/from-file"));
        assertThat(fromFile.maxMessageLength()).isEqualTo(123);

        Settings fromEnv = parse(Map.of("KEFU_PORT", "4000", "KEFU_CONFIG", file.toString(),
                "KEFU_DB_URL", "jdbc:postgresql://db/kefu"));
        assertThat(fromEnv.port()).isEqualTo(4000);
        assertThat(fromEnv.data()).isEqualTo(Path.of("/srv/from-file"));
        assertThat(fromEnv.dbUrl()).isEqualTo("jdbc:postgresql://db/kefu");

        Settings fromArgs = parse(Map.of("KEFU_PORT", "4000"), "--port", "5000", "--config", file.toString());
        assertThat(fromArgs.port()).isEqualTo(5000);
    }

    @Test
    void reset_password_issues_a_link_with_the_same_settings_instead_of_serving() {
        AtomicReference<String> email = new AtomicReference<>();
        AtomicReference<Settings> settings = new AtomicReference<>();
        String[] args = {"--data", "/srv/kefu", "--reset-password", "ada@example.com"};
        int code = KefuCommand.commandLine(args, Map.of(), s -> {
            throw new AssertionError("must not serve");
        }, (s, e) -> {
            settings.set(s);
            email.set(e);
            return 0;
        }).execute(args);
        assertThat(code).isZero();
        assertThat(email.get()).isEqualTo("ada@example.com");
        assertThat(settings.get().data()).isEqualTo(Path.of("/srv/kefu"));
    }

    @Test
    void help_lists_every_option() {
        StringWriter out = new StringWriter();
        CommandLine cl = KefuCommand.commandLine(new String[] {"--help"}, Map.of(), s -> 0);
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--help")).isZero();
        assertThat(out.toString()).contains("--port", "--data", "--db-url", "--config", "KEFU_PORT");
    }

    @Test
    void a_bad_value_is_a_clear_usage_error() {
        StringWriter err = new StringWriter();
        CommandLine cl = KefuCommand.commandLine(new String[] {"--port", "http"}, Map.of(), s -> 0);
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("--port", "http")).isEqualTo(2);
        assertThat(err.toString()).contains("--port");
    }
}
