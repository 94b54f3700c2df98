package dev.kefu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.Kefu;
import dev.kefu.bench.report.Correctness;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import dev.kefu.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI smoke run: the load tool against a real Kefu (SQLite, durable acks) with hundreds of connections and a
 * reconnect storm. Asserts correctness only — every acked message delivered exactly once, in order — never a
 * timing.
 */
class LoadToolAgainstKefuTest {
    static final String EMAIL = "bench@example.com";
    static final String PASSWORD = "bench password 1";

    @Test
    void five_hundred_visitors_and_a_reconnect_storm_lose_and_double_nothing(@TempDir Path data, @TempDir Path out)
            throws Exception {
        try (Kefu kefu = Kefu.start(Settings.forData(data).withTrustProxy(true))) {
            String token = kefu.setupLink().substring(kefu.setupLink().indexOf("token=") + 6);
            HttpResponse<String> setup = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + kefu.port() + "/api/v1/setup"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\",\"name\":\"Bench\","
                            + "\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(setup.statusCode()).as(setup.body()).isEqualTo(201);

            int code = LoadTool.execute(new String[] {"run", "--url", "http://127.0.0.1:" + kefu.port(),
                "--workspace", kefu.workspaceId(), "--agent-email", EMAIL, "--agent-password", PASSWORD,
                // 16 s: the storm comes once all 500 are connected, which takes up to 8 s on a slow machine.
                "--visitors", "500", "--agents", "2", "--ramp-seconds", "2", "--rate", "500", "--duration", "16",
                "--reconnect-storm", "--forwarded-for", "--event-loops", "2", "--out", out.toString()});
            RunResult r = ReportWriter.read(out.resolve("report.json"));
            assertThat(code).as("exit code").isZero();
            assertThat(r.connections().visitorsConnected()).isEqualTo(500);
            assertThat(r.connections().reconnects()).isEqualTo(500);
            assertThat(r.traffic().acked()).isEqualTo(r.traffic().sent()).isPositive();
            assertThat(r.traffic().errorFrames()).isEmpty();
            exactlyOnceInOrder(r.agents(), 2 * r.traffic().acked());
            exactlyOnceInOrder(r.visitors(), r.traffic().acked());
        }
    }

    private static void exactlyOnceInOrder(Correctness c, long expected) {
        assertThat(c.lost()).as("lost").isZero();
        assertThat(c.duplicated()).as("duplicated").isZero();
        assertThat(c.outOfOrder()).as("out of order").isZero();
        assertThat(c.gaps()).as("gaps").isZero();
        assertThat(c.delivered()).as("delivered").isEqualTo(expected);
    }
}
