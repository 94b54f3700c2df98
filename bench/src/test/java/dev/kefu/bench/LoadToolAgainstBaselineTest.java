package dev.kefu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.bench.report.Correctness;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool, from its command line to its reports, against the baseline relay on a random port in this JVM.
 * Only correctness is asserted: timings on a shared two-core machine prove nothing.
 */
class LoadToolAgainstBaselineTest {

    private static BaselineRelay relay;

    @BeforeAll
    static void startRelay() throws InterruptedException {
        relay = BaselineRelay.start(BaselineRelay.Options.defaults(0));
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    private static RunResult run(Path out, String... extra) throws IOException {
        return runAgainst("http://127.0.0.1:" + relay.port(), out, extra);
    }

    private static RunResult runAgainst(String url, Path out, String... extra) throws IOException {
        String[] base = {"run", "--url", url, "--workspace", "bench-test",
                "--visitors", "50", "--agents", "2", "--ramp-seconds", "1", "--rate", "100", "--duration", "3",
                "--event-loops", "2", "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);

        assertThat(LoadTool.execute(args)).as("exit code").isZero();
        return ReportWriter.read(out.resolve("report.json"));
    }

    private static void assertExactlyOnceInOrder(Correctness c, int connections, long expectedDelivered) {
        assertThat(c.connections()).isEqualTo(connections);
        assertThat(c.lost()).as("lost").isZero();
        assertThat(c.duplicated()).as("duplicated").isZero();
        assertThat(c.outOfOrder()).as("out of order").isZero();
        assertThat(c.gaps()).as("gaps").isZero();
        assertThat(c.delivered()).as("delivered").isEqualTo(expectedDelivered);
    }

    @Test
    void every_acked_message_reaches_both_agents_and_its_sender_exactly_once_in_order(@TempDir Path out)
            throws IOException {
        RunResult r = run(out);

        assertThat(r.connections().visitorsConnected()).isEqualTo(50);
        assertThat(r.connections().agentsConnected()).isEqualTo(2);
        assertThat(r.traffic().planned()).isEqualTo(300);
        assertThat(r.traffic().sent()).isEqualTo(300);
        assertThat(r.traffic().acked()).isEqualTo(300);
        assertThat(r.traffic().errorFrames()).isEmpty();
        assertExactlyOnceInOrder(r.agents(), 2, 600);
        assertExactlyOnceInOrder(r.visitors(), 50, 300);
        assertThat(r.latency().get("delivery").count()).isEqualTo(600);
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg").doesNotContain("<script");
        assertThat(Files.readString(out.resolve("report.txt"))).contains("OK: every acked message");
    }

    @Test
    void a_reconnect_storm_and_conversation_turnover_lose_and_double_nothing(@TempDir Path out) throws IOException {
        RunResult r = run(out, "--reconnect-storm", "--conversation-length", "2", "--think-ms", "50");

        assertThat(r.connections().reconnects()).isEqualTo(50);
        assertThat(r.connections().setupFailures()).isEmpty();
        assertThat(r.traffic().acked()).isEqualTo(r.traffic().sent()).isEqualTo(r.traffic().planned());
        assertExactlyOnceInOrder(r.agents(), 2, 2 * r.traffic().acked());
        assertExactlyOnceInOrder(r.visitors(), 50, r.traffic().acked());
        assertThat(r.latency().get("reconnect").count()).isEqualTo(50);
    }

    @Test
    void with_several_urls_clients_skip_a_node_that_is_down_and_say_where_they_connected(@TempDir Path out)
            throws IOException {
        int down;
        try (ServerSocket s = new ServerSocket(0)) {
            down = s.getLocalPort(); // nothing listens here once the socket is closed
        }
        String live = "http://127.0.0.1:" + relay.port();
        RunResult r = runAgainst("http://127.0.0.1:" + down + "," + live, out);

        // Visitors 0, 2, 4, … and agent 0 start on the node that is down: the visitors' sessions move on to the
        // next node at once, agent 0 after one refused connection.
        assertThat(r.connections().visitorsConnected()).isEqualTo(50);
        assertThat(r.connections().agentsConnected()).isEqualTo(2);
        assertThat(r.connections().setupFailures()).isEmpty();
        assertThat(r.connections().handshakeFailures()).containsExactly(Map.entry("connect-refused", 1L));
        assertThat(r.connections().helloByNode()).containsExactly(Map.entry(live, 52L));
        assertThat(r.traffic().acked()).isEqualTo(r.traffic().sent()).isEqualTo(300);
        assertExactlyOnceInOrder(r.agents(), 2, 600);
        assertExactlyOnceInOrder(r.visitors(), 50, 300);
        assertThat(Files.readString(out.resolve("report.txt"))).doesNotContain("handshakes by node");
    }
}
