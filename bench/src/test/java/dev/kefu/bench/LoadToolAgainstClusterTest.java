package dev.kefu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.bench.report.Correctness;
import dev.kefu.bench.report.ReportWriter;
import dev.kefu.bench.report.RunResult;
import dev.kefu.bench.support.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load tool against a two-node cluster (PostgreSQL + Redis, each node a process of its own) given both nodes in
 * {@code --url}, while the nodes are restarted one after the other under load: node 0 is stopped with SIGTERM and
 * started again, then node 1 is stopped. Every client of a stopped node reconnects to the other one and resumes
 * there. Asserts correctness only: every acked message delivered exactly once across the node switches, and no seq
 * missing at the end. A seq may arrive after a later one — two nodes' commits of one conversation can reach a third
 * in the other order (the server's DeliveryMark then still delivers it, once) — which the tool counts and times.
 */
class LoadToolAgainstClusterTest {
    static final String EMAIL = "bench@example.com";
    static final String PASSWORD = "bench password 1";

    @Test
    void clients_follow_a_rolling_restart_to_the_other_node_and_lose_double_or_miss_nothing(@TempDir Path dir)
            throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (LocalCluster cluster = new LocalCluster(dir, 2)) {
            cluster.setUp(EMAIL, PASSWORD);

            long launched = System.nanoTime();
            // On a thread of its own, not the common pool: a run blocks its thread for its whole length.
            FutureTask<Integer> run = new FutureTask<>(() -> LoadTool.execute(new String[] {
                "run", "--url", cluster.urls(), "--workspace", cluster.workspaceId(),
                "--agent-email", EMAIL, "--agent-password", PASSWORD, "--visitors", "200", "--agents", "2",
                "--ramp-seconds", "2", "--rate", "200", "--duration", "20", "--drain-seconds", "20",
                "--forwarded-for", "--event-loops", "2", "--out", out.toString()}));
            Thread.ofPlatform().name("load-tool").start(run);
            // Agents connect, the schedule starts on a whole second 2 s later, visitors ramp up over 2 s: the
            // message phase is under way about 5 s after the launch. On a slow machine the last visitors connect
            // up to 7.5 s after the launch (measured), so the restart waits a little longer than that.
            sleepUntil(launched + TimeUnit.SECONDS.toNanos(10));
            cluster.stop(0);
            cluster.start(0);
            cluster.stop(1);

            int code = run.get(90, TimeUnit.SECONDS);
            RunResult r = ReportWriter.read(out.resolve("report.json"));
            String report = Files.readString(out.resolve("report.txt"));
            assertThat(code).as(report).isIn(0, 2);
            assertThat(r.correct() || r.agents().plus(r.visitors()).completeButLate()).as(report).isTrue();
            assertThat(r.connections().visitorsConnected()).isEqualTo(200);
            assertThat(r.connections().agentsConnected()).isEqualTo(2);
            // Visitors and agents of node 0 moved to node 1 and then back to node 0; those of node 1 to node 0.
            // A client still connecting when node 0 stopped starts on node 1 instead and moves only once.
            assertThat(r.connections().reconnects()).as(report).isBetween(202L, 2L * 101 + 101);
            assertThat(r.connections().helloByNode()).containsOnlyKeys(cluster.url(0), cluster.url(1));
            assertThat(r.connections().setupFailures()).isEmpty();
            assertThat(r.traffic().rejected()).isZero();
            assertThat(r.traffic().acked()).isEqualTo(r.traffic().sent()).isEqualTo(r.traffic().planned());
            exactlyOnceNothingMissing(r.agents(), 2 * r.traffic().acked());
            exactlyOnceNothingMissing(r.visitors(), r.traffic().acked());
            assertThat(report).contains("handshakes by node");
        }
    }

    private static void exactlyOnceNothingMissing(Correctness c, long expected) {
        assertThat(c.lost()).as("lost").isZero();
        assertThat(c.duplicated()).as("duplicated").isZero();
        assertThat(c.unfilled()).as("seqs never filled").isZero();
        assertThat(c.delivered()).as("delivered").isEqualTo(expected);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
