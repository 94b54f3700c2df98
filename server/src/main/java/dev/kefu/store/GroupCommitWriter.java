package dev.kefu.store;

import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.NewMessage;
import dev.kefu.event.EventBus;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one platform thread owns one JDBC connection and performs every write. Message appends
 * that queue up while a commit is in flight are committed together (group commit), so durability costs one
 * fsync per batch rather than per message, and batches grow exactly when load does — no artificial delay at
 * low load. After each commit it completes the futures and then publishes events, in commit order, on this
 * thread; that single thread is what keeps per-connection delivery order.
 *
 * <p>Thread rules: {@link #append} and {@link #submit} may be called from any thread and never block;
 * everything else runs on the writer thread.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    static final int MAX_BATCH = 512;

    private sealed interface Task {
    }

    private record Append(NewMessage message, CompletableFuture<Appended> result) implements Task {
    }

    private record Job(WriteJob<Object> work, CompletableFuture<Object> result) implements Task {
    }

    private record Stop() implements Task {
    }

    private final Supplier<Connection> connections;
    private final long lingerNanos;
    private final EventBus<ConversationEvent> bus;
    private final BlockingQueue<Task> queue;
    private final Thread thread;
    private Connection connection;
    private StatementCache statements;
    private volatile boolean stopping;
    /** Work on the writer's connection outside any transaction, between batches, when asked for (may be null). */
    private final ConnectionChore chore;
    private volatile boolean choreDue;

    /** Runs on the writer's connection while no transaction is open. */
    @FunctionalInterface
    public interface ConnectionChore {
        void run(Connection c) throws SQLException;
    }

    /**
     * @param connections opens the writer's connection (again after a failure); auto-commit is turned off
     * @param capacity    queued writes beyond this are refused with SERVER_BUSY instead of growing memory
     * @param lingerNanos how long a batch of appends may wait for more before it commits (0: never)
     */
    public GroupCommitWriter(Supplier<Connection> connections, EventBus<ConversationEvent> bus, int capacity,
                             long lingerNanos) {
        this(connections, bus, capacity, lingerNanos, null);
    }

    /** @param chore run between two batches after {@link #choreDue()} (see {@link ConnectionChore}) */
    public GroupCommitWriter(Supplier<Connection> connections, EventBus<ConversationEvent> bus, int capacity,
                             long lingerNanos, ConnectionChore chore) {
        this.chore = chore;
        this.connections = connections;
        this.lingerNanos = lingerNanos;
        this.bus = bus;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name("kefu-writer").daemon(false).unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    public CompletableFuture<Appended> append(NewMessage message) {
        CompletableFuture<Appended> result = new CompletableFuture<>();
        enqueue(new Append(message, result), result);
        return result;
    }

    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(WriteJob<T> job) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        enqueue(new Job((WriteJob<Object>) job, result), result);
        return (CompletableFuture<T>) result;
    }

    private void enqueue(Task task, CompletableFuture<?> result) {
        if (stopping) {
            result.completeExceptionally(new KefuException(ErrorCode.SERVER_BUSY, "the server is shutting down"));
        } else if (!queue.offer(task)) {
            result.completeExceptionally(new KefuException(ErrorCode.SERVER_BUSY, "the store is overloaded"));
        }
    }

    /** Asks for the chore to run after the current batch. Any thread; the writer runs it only when it is awake. */
    public void choreDue() {
        choreDue = true;
    }

    /** Commits what is queued, then stops the thread and closes the connection. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        while (!queue.offer(new Stop())) {
            Thread.sleep(1);
        }
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void run() {
        List<Task> drained = new ArrayList<>(MAX_BATCH);
        List<Append> appends = new ArrayList<>(MAX_BATCH);
        List<Job> jobs = new ArrayList<>();
        boolean running = true;
        while (running) {
            try {
                drained.clear();
                drained.add(queue.take());
                queue.drainTo(drained, MAX_BATCH - 1);
                linger(drained);
                for (Task task : drained) {
                    switch (task) {
                        case Append a -> {
                            runJobs(jobs);
                            appends.add(a);
                        }
                        case Job j -> {
                            flush(appends);
                            jobs.add(j);
                        }
                        case Stop s -> running = false;
                    }
                }
                flush(appends);
                runJobs(jobs);
                if (choreDue) {
                    choreDue = false;
                    runChore();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException e) {
                LOG.error("writer loop failure", e);
            }
        }
        closeConnection();
    }

    /**
     * Gives a small batch up to {@code lingerNanos} to grow. A commit costs an fsync and a few pages of WAL
     * whatever its size, so at moderate load committing each message alone spends most of the server's CPU on
     * commits; waiting a fraction of a millisecond for company costs that much latency and saves the rest.
     */
    private void linger(List<Task> drained) throws InterruptedException {
        if (lingerNanos <= 0 || drained.size() >= MAX_BATCH || !(drained.getFirst() instanceof Append)) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (drained.size() < MAX_BATCH) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Task next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            drained.add(next);
            queue.drainTo(drained, MAX_BATCH - drained.size());
        }
    }

    private void flush(List<Append> appends) {
        if (appends.isEmpty()) {
            return;
        }
        List<NewMessage> messages = new ArrayList<>(appends.size());
        for (Append a : appends) {
            messages.add(a.message());
        }
        try {
            List<Appended> results = inTransaction(c -> MessageAppender.append(statements, messages));
            publishAppends(appends, results);
        } catch (SQLException | RuntimeException batchFailure) {
            if (appends.size() == 1) {
                fail(appends.getFirst().result(), batchFailure);
            } else {
                // Isolate the bad message: the others must not fail because of it.
                for (Append a : appends) {
                    try {
                        publishAppends(List.of(a), inTransaction(c -> MessageAppender.append(statements,
                                List.of(a.message()))));
                    } catch (SQLException | RuntimeException e) {
                        fail(a.result(), e);
                    }
                }
            }
        }
        appends.clear();
    }

    private void publishAppends(List<Append> appends, List<Appended> results) {
        for (int i = 0; i < appends.size(); i++) {
            appends.get(i).result().complete(results.get(i));
        }
        for (int i = 0; i < appends.size(); i++) {
            Appended r = results.get(i);
            if (!r.duplicate()) {
                bus.publish(new ConversationEvent.MessageAppended(r.message(), appends.get(i).message().visitorId()));
            }
        }
    }

    /**
     * Runs jobs that queued up together in one transaction, each inside a savepoint of its own, so that they
     * share one commit (one fsync) and a failing job rolls back alone. A lone job runs as before.
     */
    private void runJobs(List<Job> jobs) {
        switch (jobs.size()) {
            case 0 -> { }
            case 1 -> runJob(jobs.getFirst());
            default -> runGroup(jobs);
        }
        jobs.clear();
    }

    private void runGroup(List<Job> jobs) {
        List<List<ConversationEvent>> events = new ArrayList<>(jobs.size());
        Object[] results = new Object[jobs.size()];
        Throwable[] failures = new Throwable[jobs.size()];
        try {
            inTransaction(c -> {
                for (int i = 0; i < jobs.size(); i++) {
                    List<ConversationEvent> own = new ArrayList<>();
                    Savepoint before = c.setSavepoint();
                    try {
                        results[i] = jobs.get(i).work().run(c, own);
                        c.releaseSavepoint(before);
                    } catch (SQLException | RuntimeException e) {
                        c.rollback(before);
                        failures[i] = e;
                        own.clear();
                    }
                    events.add(own);
                }
                return null;
            });
        } catch (SQLException | RuntimeException commitFailure) {
            // Nothing of the group is stored: each job on its own again, so one cannot sink the others.
            jobs.forEach(this::runJob);
            return;
        }
        for (int i = 0; i < jobs.size(); i++) {
            // Publish before answering, so a caller that returns sees its own events already delivered.
            events.get(i).forEach(bus::publish);
            if (failures[i] == null) {
                jobs.get(i).result().complete(results[i]);
            } else {
                fail(jobs.get(i).result(), failures[i]);
            }
        }
    }

    private void runJob(Job job) {
        List<ConversationEvent> events = new ArrayList<>();
        try {
            Object result = inTransaction(c -> job.work().run(c, events));
            // Publish before answering, so a caller that returns sees its own events already delivered.
            events.forEach(bus::publish);
            job.result().complete(result);
        } catch (SQLException | RuntimeException e) {
            fail(job.result(), e);
        }
    }

    private void runChore() {
        try {
            Connection c = connection();
            c.setAutoCommit(true);
            try {
                chore.run(c);
            } finally {
                c.setAutoCommit(false);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("writer chore failed", e);
            closeConnection();
        }
    }

    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        Connection c = connection();
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollbackFailure) {
                LOG.warn("rollback failed; reopening the writer connection", rollbackFailure);
                closeConnection();
            }
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.get();
            connection.setAutoCommit(false);
            statements = new StatementCache(connection);
        }
        return connection;
    }

    private void closeConnection() {
        if (statements != null) {
            statements.close();
            statements = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing writer connection", e);
            }
            connection = null;
        }
    }

    private static void fail(CompletableFuture<?> result, Throwable e) {
        if (e instanceof KefuException) {
            result.completeExceptionally(e);
        } else if (e instanceof MessageAppender.MissingConversation) {
            result.completeExceptionally(KefuException.forbidden("no such conversation for this caller"));
        } else {
            LOG.error("write failed", e);
            result.completeExceptionally(new StoreFailure("write failed", e));
        }
    }
}
