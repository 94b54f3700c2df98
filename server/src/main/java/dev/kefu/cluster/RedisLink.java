package dev.kefu.cluster;

import dev.kefu.common.Ids;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisException;

/**
 * This node's link to Redis: one thread publishes (in order, pipelined, never blocking the caller), one thread
 * listens, a pool serves plain commands. When Redis goes away both threads retry with backoff; when the
 * listener is back after an outage, the {@link #onReconnect} callbacks run, so the node can make its clients
 * catch up on what they missed meanwhile.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int MAX_QUEUE = 200_000;

    private final String nodeId = Ids.next();
    private final HostAndPort address;
    private final DefaultJedisClientConfig config;
    private final RedisClient commands;
    private final LinkedBlockingQueue<String[]> outbox = new LinkedBlockingQueue<>(MAX_QUEUE);
    /** Messages taken into the outbox, and those since published or given up: {@link #close} waits for the gap. */
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> reconnects = new CopyOnWriteArrayList<>();
    private final Thread publisher;
    /** How long {@link #close} waits for queued messages to be published. */
    static final int CLOSE_FLUSH_SECONDS = 2;
    private final Thread subscriber;
    private volatile boolean running = true;
    private volatile boolean up;
    private volatile JedisPubSub subscription;

    public RedisLink(String url) {
        URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--redis must look like redis://host:6379");
        }
        this.address = new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379);
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder().timeoutMillis(TIMEOUT_MILLIS)
                .ssl("rediss".equals(uri.getScheme()));
        String info = uri.getUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    b.user(info.substring(0, colon));
                }
                b.password(info.substring(colon + 1));
            } else {
                b.password(info);
            }
        }
        this.config = b.build();
        this.commands = RedisClient.builder().hostAndPort(address).clientConfig(config).build();
        this.publisher = Thread.ofPlatform().name("kefu-redis-pub").daemon().unstarted(this::publishLoop);
        this.subscriber = Thread.ofPlatform().name("kefu-redis-sub").daemon().unstarted(this::subscribeLoop);
    }

    /** This node's id: messages it published come back to it and are recognised by it. */
    public String nodeId() {
        return nodeId;
    }

    /** Listens to a channel; call before {@link #start}. The listener runs on the subscriber thread and must not block. */
    public void listen(String channel, Consumer<String> listener) {
        listeners.put(channel, listener);
    }

    /** Runs after the link came back from an outage (not on the first connection). */
    public void onReconnect(Runnable r) {
        reconnects.add(r);
    }

    public void start() {
        publisher.start();
        subscriber.start();
    }

    /**
     * Waits until the listener is subscribed, so that nothing published by other nodes is missed once this node
     * accepts clients. When Redis does not answer in time, the node starts anyway; its first successful
     * subscription then counts as a reconnect (clients connected meanwhile are asked to resume).
     */
    public boolean awaitUp(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!up && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!up) {
            everUp = true;
            LOG.warn("Redis at {} is not answering; starting without it (clients will resync once it is)", address);
        }
        return up;
    }

    /** Queues a PUBLISH; never blocks. Dropped (and counted) while Redis is down: clients resync afterwards. */
    public void publish(String channel, String message) {
        if (outbox.offer(new String[] {channel, message})) {
            offered.incrementAndGet();
        } else {
            LOG.warn("Redis publish queue full; dropping an event (clients will resync)");
        }
    }

    /** A plain command on the pool; throws {@link JedisException} when Redis is unreachable. Blocking. */
    public <T> T call(Function<RedisClient, T> command) {
        return command.apply(commands);
    }

    private void publishLoop() {
        List<String[]> batch = new ArrayList<>();
        long backoff = 100;
        while (running) {
            try {
                if (batch.isEmpty()) {
                    String[] first = outbox.poll(500, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    outbox.drainTo(batch, 999);
                }
                try (Connection c = new Connection(address, config)) {
                    while (running) {
                        Pipeline p = new Pipeline(c);
                        for (String[] m : batch) {
                            p.publish(m[0], m[1]);
                        }
                        p.sync();
                        settled.addAndGet(batch.size());
                        batch.clear();
                        backoff = 100;
                        String[] next = outbox.poll(500, TimeUnit.MILLISECONDS);
                        if (next != null) {
                            batch.add(next);
                            outbox.drainTo(batch, 999);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Redis publish failed ({} queued): {}", batch.size() + outbox.size(), e.toString());
                // While the listener still sees Redis, a failed publish is retried, never dropped: no resync would
                // follow to make up for it. Once the link is down, what is queued goes stale, and the clients
                // resync when it is back.
                if (!up) {
                    settled.addAndGet(batch.size() + outbox.size());
                    batch.clear();
                    outbox.clear();
                }
                sleep(backoff);
                backoff = Math.min(2_000, backoff * 2);
            }
        }
    }

    private volatile boolean everUp;

    private void subscribeLoop() {
        long backoff = 100;
        while (running) {
            try (Jedis jedis = new Jedis(address, config)) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        if (count == listeners.size()) {
                            boolean again = everUp;
                            everUp = true;
                            up = true;
                            LOG.info("Redis link up ({})", address);
                            if (again) {
                                reconnects.forEach(RedisLink::runQuietly);
                            }
                        }
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        Consumer<String> l = listeners.get(channel);
                        if (l != null) {
                            runQuietly(() -> l.accept(message));
                        }
                    }
                };
                subscription = sub;
                backoff = 100;
                jedis.subscribe(sub, listeners.keySet().toArray(String[]::new));
            } catch (RuntimeException e) {
                if (up) {
                    LOG.warn("Redis link down: {}", e.toString());
                }
                up = false;
                sleep(backoff);
                backoff = Math.min(2_000, backoff * 2);
            }
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a Redis listener failed", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // What this node committed last (its writer drains before this) must still reach the other nodes: an
        // agent that moved there may have resumed before the commit, and then hears of it only from here.
        long target = offered.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CLOSE_FLUSH_SECONDS);
        while (up && settled.get() < target && System.nanoTime() < deadline
                && !Thread.currentThread().isInterrupted()) {
            sleep(5);
        }
        running = false;
        JedisPubSub s = subscription;
        if (s != null && s.isSubscribed()) {
            try {
                s.unsubscribe();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        publisher.interrupt();
        subscriber.interrupt();
        commands.close();
    }
}
