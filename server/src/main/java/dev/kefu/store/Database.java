package dev.kefu.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.event.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * The storage engine behind every SQL adapter: migrations, a read pool, and the single {@link GroupCommitWriter}.
 *
 * <p>Threads: SQLite runs through JNI, and a virtual thread inside a native call pins its carrier, so on
 * SQLite reads run on a small pool of platform threads and writes on the writer thread. The PostgreSQL driver
 * is pure Java: its reads run on the caller's (virtual) thread. Either way {@link #read} and {@link #write}
 * block the caller; never call them from an event loop.
 */
public final class Database implements AutoCloseable {
    public enum Kind { SQLITE, POSTGRESQL }

    static final long LINGER_SQLITE_NANOS = 1_000_000;
    static final long LINGER_POSTGRESQL_NANOS = 500_000;

    private final Kind kind;
    private final String url;
    private final Properties properties;
    private final HikariDataSource readers;
    private final ExecutorService readThreads;
    private final GroupCommitWriter writer;
    /** The SQLite writer connection's page cache, in KiB. */
    static final int WRITER_CACHE_KIB = 32 * 1024;
    /** A WAL of this many pages (16 MiB) is made to start over at the next checkpoint. */
    static final int WAL_RESTART_FRAMES = 4096;
    private final java.util.concurrent.ScheduledExecutorService checkpointer;
    /** Used by the checkpointer thread only. */
    private Connection checkpointConnection;

    private Database(Kind kind, String url, Properties properties, int readPool, EventBus<ConversationEvent> bus) {
        this.kind = kind;
        this.url = url;
        this.properties = properties;
        migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(readPool);
        config.setMinimumIdle(kind == Kind.SQLITE ? readPool : 2);
        config.setPoolName("kefu-read");
        this.readers = new HikariDataSource(config);
        AtomicInteger n = new AtomicInteger();
        this.readThreads = kind == Kind.SQLITE
                ? Executors.newFixedThreadPool(readPool, r -> Thread.ofPlatform().daemon(true)
                        .name("kefu-read-" + n.incrementAndGet()).unstarted(r))
                : null;
        // SQLite syncs the WAL at every commit, so batches are worth waiting for; PostgreSQL's own group commit
        // overlaps concurrent commits, but this node has a single writer, so it lingers too (less).
        this.writer = kind == Kind.SQLITE
                ? new GroupCommitWriter(this::openWriterConnection, bus, 100_000, LINGER_SQLITE_NANOS,
                        Database::restartWal)
                : new GroupCommitWriter(this::openWriterConnection, bus, 100_000, LINGER_POSTGRESQL_NANOS);
        writer.start();
        this.checkpointer = kind == Kind.SQLITE ? startCheckpointer() : null;
    }

    /**
     * SQLite's automatic checkpoint runs inside the committing connection, so every thousand pages one group
     * commit would also copy the WAL into the database and wait for it: a latency spike for every message in
     * that batch. The writer turns it off, and this thread checkpoints in PASSIVE mode, which never blocks the
     * writer.
     *
     * <p>A PASSIVE checkpoint alone never lets the WAL start over while writes keep coming: SQLite rewinds the
     * WAL only when a write begins after everything in it was copied, and under steady load something new has
     * always been appended by then. The WAL then grew without end (1.7 GB after a minute at 3,000 msg/s), and
     * finding a page in it cost the writer more with every frame. So when the WAL is past
     * {@link #WAL_RESTART_FRAMES} after the PASSIVE pass has copied the bulk, the writer itself, between two
     * batches, runs a RESTART checkpoint, which copies the little that came meanwhile and makes the next write
     * rewind the WAL; {@code journal_size_limit} then trims the file. (A RESTART from this thread waited
     * seconds for the writer's lock.)
     */
    private java.util.concurrent.ScheduledExecutorService startCheckpointer() {
        var timer = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon(true).name("kefu-checkpoint").unstarted(r));
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (checkpointConnection == null) {
                    checkpointConnection = DriverManager.getConnection(url, properties);
                }
                try (var st = checkpointConnection.createStatement()) {
                    int walFrames;
                    try (var rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                        walFrames = rs.next() ? rs.getInt(2) : 0;
                    }
                    if (walFrames >= WAL_RESTART_FRAMES) {
                        writer.choreDue();
                    }
                }
            } catch (SQLException e) {
                closeCheckpointConnection();
            }
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        return timer;
    }

    /**
     * On the writer's own connection, between batches: nothing else writes then, so the checkpoint need not wait
     * for a write lock, which the writer, committing back to back, would never leave free for long.
     */
    private static void restartWal(Connection writer) throws SQLException {
        try (var st = writer.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(RESTART)");
        }
    }

    /** SQLite in {@code dataDir/kefu.db}, WAL mode, every commit synced to disk. */
    public static Database sqlite(Path dataDir, EventBus<ConversationEvent> bus) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.setProperty("journal_mode", "WAL");
        p.setProperty("synchronous", "FULL");
        p.setProperty("busy_timeout", "10000");
        // What is left of the WAL file after it starts over is trimmed to this.
        p.setProperty("journal_size_limit", Long.toString(64L << 20));
        p.setProperty("foreign_keys", "true");
        String url = "jdbc:sqlite:" + dataDir.resolve("kefu.db").toAbsolutePath();
        return new Database(Kind.SQLITE, url, p, 4, bus);
    }

    public static Database postgresql(String url, String user, String password, EventBus<ConversationEvent> bus) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("reWriteBatchedInserts", "true");
        // Server-side prepared statements (the driver's default after five uses) made the writer's batches wait:
        // at 2k msg/s p50 went from 21 ms to 5 ms without them. A URL parameter still overrides this.
        p.setProperty("prepareThreshold", "0");
        return new Database(Kind.POSTGRESQL, url, p, 16, bus);
    }

    public Kind kind() {
        return kind;
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(new SimpleDataSource(url, properties))
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    private void closeCheckpointConnection() {
        if (checkpointConnection != null) {
            try {
                checkpointConnection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            checkpointConnection = null;
        }
    }

    private Connection openWriterConnection() {
        try {
            Connection c = DriverManager.getConnection(url, properties);
            if (kind == Kind.SQLITE) {
                try (var st = c.createStatement()) {
                    st.execute("PRAGMA wal_autocheckpoint=0");
                    // Each message touches a page of its conversation in several indexes. With SQLite's default
                    // 2 MiB cache, a few thousand active conversations meant re-reading pages from the WAL for
                    // every message (16,000 reads a second at 5,000 msg/s). The cache only grows as it is used.
                    st.execute("PRAGMA cache_size=-" + WRITER_CACHE_KIB);
                }
            }
            return c;
        } catch (SQLException e) {
            throw new StoreFailure("cannot open the writer connection", e);
        }
    }

    /** A connection of its own, outside the pools (e.g. to hold a PostgreSQL advisory lock). Close it after use. */
    public Connection newConnection() {
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            throw new StoreFailure("cannot open a connection", e);
        }
    }

    /** Runs a read on a pooled connection and returns its result. Blocking. */
    public <T> T read(SqlWork<T> work) {
        if (readThreads == null) {
            return readNow(work);
        }
        Future<T> f = readThreads.submit(() -> readNow(work));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure("interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private <T> T readNow(SqlWork<T> work) {
        try (Connection c = readers.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreFailure("read failed", e);
        }
    }

    /** Runs a write job on the writer thread in its own transaction and waits for the commit. Blocking. */
    public <T> T write(WriteJob<T> job) {
        try {
            return writer.submit(job).join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * Runs a write on a pooled connection in a transaction of its own, around the group-commit writer: for a
     * large row (an upload's bytes) that would hold up the messages batched with it. PostgreSQL only: SQLite
     * has a single writer, and a second one would wait for its lock. Blocking.
     */
    public <T> T writeAlone(SqlWork<T> work) {
        if (kind != Kind.POSTGRESQL) {
            throw new IllegalStateException("SQLite has a single writer; use write()");
        }
        try (Connection c = readers.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreFailure("write failed", e);
        }
    }

    public GroupCommitWriter writer() {
        return writer;
    }

    private static RuntimeException unwrap(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new StoreFailure("storage failure", t);
    }

    /**
     * Commits what is queued for the writer and stops it; later writes are refused. Reads go on until
     * {@link #close}. Lets a node publish its last events before it leaves its cluster.
     */
    public void stopWrites() throws InterruptedException {
        writer.close();
    }

    @Override
    public void close() throws InterruptedException {
        writer.close();
        if (checkpointer != null) {
            checkpointer.shutdown();
            checkpointer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            closeCheckpointConnection();
        }
        if (readThreads != null) {
            readThreads.shutdown();
        }
        readers.close();
    }
}
