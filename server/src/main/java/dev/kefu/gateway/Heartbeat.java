package dev.kefu.gateway;

import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead connections with one sweep over all of them every few seconds, instead of a timer per connection
 * (which would cost memory on every idle socket): pings those silent for a heartbeat, closes those silent for
 * three.
 */
final class Heartbeat implements AutoCloseable {
    private final ConnectionRegistry registry;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon(true).name("kefu-heartbeat").unstarted(r));
    private final long pingAfterNanos;
    private final long closeAfterNanos;

    Heartbeat(ConnectionRegistry registry, long heartbeatMillis) {
        this.registry = registry;
        this.pingAfterNanos = TimeUnit.MILLISECONDS.toNanos(heartbeatMillis);
        this.closeAfterNanos = 3 * pingAfterNanos;
        long period = Math.max(50, heartbeatMillis / 3);
        timer.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        for (WsConnection c : registry.all()) {
            long silent = c.silentNanos();
            if (silent > closeAfterNanos) {
                c.close(4000, "heartbeat_timeout");
            } else if (silent > pingAfterNanos && c.active()) {
                c.channel().writeAndFlush(new PingWebSocketFrame(), c.channel().voidPromise());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
