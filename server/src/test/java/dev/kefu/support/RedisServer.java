package dev.kefu.support;

import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** A redis-server of a test's own (the machine's binary) on a free port, which the test may stop and restart. */
public final class RedisServer implements AutoCloseable {
    public final int port;
    private Process process;

    public RedisServer() throws Exception {
        this.port = Node.freePort();
        start();
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public void start() throws Exception {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("redis-server did not start on " + port);
    }

    /** Stops it at once (SIGKILL): every connection drops. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
