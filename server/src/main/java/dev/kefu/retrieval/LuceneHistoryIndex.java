package dev.kefu.retrieval;

import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import dev.kefu.search.HistoryIndex;
import dev.kefu.search.HistorySource;
import dev.kefu.search.Hits;
import dev.kefu.search.TextRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link HistoryIndex} on Lucene: one index on disk for every workspace of this node (the workspace a filter
 * field), BM25 over each message's text analysed twice (see {@link HistoryQuery}).
 *
 * <p>Indexing never slows the chat: {@link #add} only offers the message to a bounded queue (when it is full,
 * it notes the message's time instead, and the messages from then on are read back from the store later). One
 * background thread, {@code kefu-search-index}, does all the writing: it drains the queue and commits every
 * {@link #COMMIT_MILLIS} and on close, recording in the commit the time up to which every message is indexed.
 * A search first refreshes the near-real-time reader when anything was indexed since the last one, so it sees
 * every message indexed before it began; refreshing only then, instead of every few hundred milliseconds,
 * lets Lucene write a few large segments rather than many small ones that it must merge again and again
 * (under a steady 5,000 messages a second that was most of the server's indexing cost).
 * On start it catches up from the store on everything written since then (less {@link #LATE_MILLIS}, for
 * messages stamped before a slow commit), so the index survives restarts and crashes; adding a message twice
 * replaces it (the message id is the document's key). Each node of a cluster keeps its own index, fed by the
 * events of every node. A damaged or too old index is deleted and rebuilt from the store.
 */
public final class LuceneHistoryIndex implements HistoryIndex, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneHistoryIndex.class);
    /** Commit user data: every message created at or before this time (epoch ms) is indexed. */
    static final String INDEXED_UP_TO = "indexedUpTo";
    static final int QUEUE = 10_000;
    /** And at most this much text queued (about 32 MiB), however long the messages. */
    static final long QUEUE_CHARS = 16L << 20;
    static final int PAGE = 500;
    static final long COMMIT_MILLIS = 30_000;
    /** How far back a catch-up starts before the recorded time: a message is stamped before its commit. */
    static final long LATE_MILLIS = 120_000;
    private static final long NONE = Long.MAX_VALUE;
    private static final int DRAIN = 1_000;
    /** The machine counts as busy while the rest of it uses at least this share of all cores. */
    static final double BUSY_ABOVE = 0.5;
    /** While the machine is busy, indexing keeps to this share of one core; what it cannot keep up with waits. */
    static final double BUSY_SHARE = 0.1;
    /** Documents indexed between two looks at the CPU share. */
    private static final int PACE_EVERY = 64;

    private final HistorySource source;
    private final Analyzer chinese = Analyzers.historyChinese();
    private final Analyzer english = Analyzers.historyEnglish();
    private final Analyzer asciiAsChinese = Analyzers.historyChineseAscii();
    /** Written on a clean shutdown, after an fsync of the whole index; removed on open. */
    static final String CLEAN_MARK = "kefu-closed-cleanly";
    private final Path dir;
    private final FSDirectory fsDirectory;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final BlockingQueue<Message> queue = new ArrayBlockingQueue<>(QUEUE);
    /** The earliest creation time of a message dropped because the queue was full (NONE: none). */
    private final AtomicLong missedFrom = new AtomicLong(NONE);
    /** Characters of text in the queue. */
    private final AtomicLong queuedChars = new AtomicLong();
    private final Thread worker;
    private volatile boolean closing;

    // Owned by the worker thread.
    /** Newest creation time indexed. */
    private long newest;
    /** While a catch-up runs: the time it has reached (NONE otherwise). */
    private long catchingUpAt = NONE;
    /** Something was indexed since the last refresh (set by the worker, cleared by the refreshing search). */
    private volatile boolean unrefreshed;
    /** The newest creation time a catch-up read: a live message up to it may be indexed already. */
    private long caughtUpTo = Long.MIN_VALUE;
    /** The highest seq indexed live per conversation (bounded: forgotten wholesale when it grows too big). */
    private final Map<String, Long> liveSeqs = new HashMap<>();
    private boolean uncommitted;
    private long committedAt;
    private CpuShare pacing;
    private int sincePaced;

    /** Opens (or creates) the index in {@code dir} and starts catching up from {@code source} in the background. */
    public LuceneHistoryIndex(Path dir, HistorySource source) {
        this.source = source;
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            Path cleanMark = dir.resolve(CLEAN_MARK);
            boolean closedCleanly = Files.deleteIfExists(cleanMark);
            this.fsDirectory = FSDirectory.open(dir);
            this.directory = new FilterDirectory(fsDirectory) {
                // The index is a copy of the database, so it need not be durable: skipping fsync keeps its
                // commits from stalling the database's own on a shared disk. What a crash of the machine can
                // tear is found by the integrity check after an unclean shutdown, and rebuilt.
                @Override
                public void sync(Collection<String> names) {
                }

                @Override
                public void syncMetaData() {
                }
            };
            Opened opened = open(dir, !closedCleanly);
            this.writer = opened.writer();
            this.searchers = opened.searchers();
            long upTo = indexedUpTo(writer);
            this.newest = upTo;
            long start = upTo <= 0 ? Long.MIN_VALUE : upTo - LATE_MILLIS;
            this.worker = Thread.ofPlatform().daemon(true).name("kefu-search-index").unstarted(() -> run(start));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
        worker.start();
    }

    private record Opened(IndexWriter writer, SearcherManager searchers) {
    }

    /**
     * Opens the writer and its reader. An index Lucene cannot read, at any step, is deleted and rebuilt from the
     * database: a damaged commit point, a torn file that the check after an unclean shutdown ({@code verify})
     * finds, or one that keeps the reader from opening (a disk error since a clean shutdown).
     */
    private Opened open(Path dir, boolean verify) throws IOException {
        IndexWriter w;
        try {
            w = new IndexWriter(directory, config());
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("the search index in " + dir + " is in use by another process: "
                    + "every Kefu node needs a --data folder of its own", e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            return rebuilt(dir, e);
        }
        try {
            if (verify) {
                verifyIntegrity(w);
            }
            return new Opened(w, new SearcherManager(w, null));
        } catch (IOException | RuntimeException e) {
            w.rollback();
            return rebuilt(dir, e);
        }
    }

    private Opened rebuilt(Path dir, Exception why) throws IOException {
        LOG.warn("the search index in {} cannot be read ({}); rebuilding it from the database", dir, why.toString());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        IndexWriter w = new IndexWriter(directory, config());
        return new Opened(w, new SearcherManager(w, null));
    }

    /** Reads every file of the index through its checksums (after an unclean shutdown). */
    private static void verifyIntegrity(IndexWriter w) throws IOException {
        long began = System.nanoTime();
        try (DirectoryReader r = DirectoryReader.open(w)) {
            for (LeafReaderContext leaf : r.leaves()) {
                leaf.reader().checkIntegrity();
            }
        }
        LOG.info("search index: checked after an unclean shutdown in {} ms", (System.nanoTime() - began) / 1_000_000);
    }

    private IndexWriterConfig config() {
        return new IndexWriterConfig(new PerFieldAnalyzerWrapper(english, Map.of(HistoryQuery.TEXT_ZH, chinese)))
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Merging competes with the chat for the CPU: wider tiers rewrite each message fewer times.
                .setMergePolicy(new TieredMergePolicy().setSegmentsPerTier(20));
    }

    private static long indexedUpTo(IndexWriter writer) throws IOException {
        if (!DirectoryReader.indexExists(writer.getDirectory())) {
            return 0;
        }
        String v = SegmentInfos.readLatestCommit(writer.getDirectory()).getUserData().get(INDEXED_UP_TO);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Any thread (the store's writer, through the event bus): never blocks. */
    @Override
    public void add(Message m) {
        if (closing || m.sender().kind() == Sender.Kind.SYSTEM || m.text() == null || m.text().isBlank()) {
            return;
        }
        int chars = m.text().length();
        if (queuedChars.addAndGet(chars) > QUEUE_CHARS || !queue.offer(m)) {
            queuedChars.addAndGet(-chars);
            missedFrom.accumulateAndGet(m.createdAt(), Math::min);
        }
    }

    @Override
    public Hits search(String workspaceId, String query, long fromMillis, long toMillis, int limit) {
        HistoryQuery q = HistoryQuery.of(query, chinese, english);
        if (q.isEmpty() || fromMillis >= toMillis || limit <= 0) {
            return Hits.NONE;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder()
                .add(q.query(), BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(HistoryDocuments.WORKSPACE, workspaceId)), BooleanClause.Occur.FILTER);
        if (fromMillis != Long.MIN_VALUE || toMillis != Long.MAX_VALUE) {
            b.add(LongPoint.newRangeQuery(HistoryDocuments.CREATED, fromMillis, toMillis == Long.MAX_VALUE ? toMillis : toMillis - 1),
                    BooleanClause.Occur.FILTER);
        }
        try {
            if (unrefreshed) {
                unrefreshed = false;
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher s = searchers.acquire();
            try {
                ScoreDoc[] docs = s.search(b.build(), limit).scoreDocs;
                StoredFields fields = s.storedFields();
                List<Hits.Hit> hits = new ArrayList<>(docs.length);
                for (ScoreDoc d : docs) {
                    hits.add(HistoryDocuments.hit(fields.document(d.doc), d.score));
                }
                return new Hits(hits);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("searching the history index failed", e);
        }
    }

    @Override
    public List<TextRange> highlight(String query, String text) {
        return HistoryQuery.of(query, chinese, english).highlight(text);
    }

    /** The worker thread: catch up, then index what arrives, refreshing and committing as it goes. */
    private void run(long start) {
        pacing = new CpuShare(CpuShare.system(), BUSY_ABOVE, BUSY_SHARE);
        long began = System.nanoTime();
        int caughtUp = catchUp(start);
        LOG.info("search index: {} messages read from the database in {} ms", caughtUp,
                (System.nanoTime() - began) / 1_000_000);
        while (!closing) {
            try {
                Message m = queue.poll(250, TimeUnit.MILLISECONDS);
                if (m != null) {
                    indexQueued(m);
                    for (int n = 0; n < DRAIN && (m = queue.poll()) != null; n++) {
                        indexQueued(m);
                    }
                }
                long missed = missedFrom.getAndSet(NONE);
                if (missed != NONE) {
                    LOG.warn("search index: the queue overflowed; reading the messages since {} back from the database",
                            missed);
                    catchUp(missed - LATE_MILLIS);
                }
                housekeeping(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                if (!writer.isOpen()) {
                    LOG.error("search index: the index writer failed; new messages are no longer indexed", e);
                    return;
                }
                LOG.warn("search index: indexing failed; retrying", e);
                pause();
            }
        }
        try {
            for (Message m; (m = queue.poll()) != null; ) {
                indexQueued(m);
            }
            housekeeping(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warn("search index: the last commit failed; the next start catches up", e);
        }
    }

    /** Indexes the stored messages from {@code from} on, page by page, up to the newest. Returns how many. */
    private int catchUp(long from) {
        long at = from;
        String after = "";
        int count = 0;
        catchingUpAt = at;
        while (!closing) {
            try {
                List<Message> page = source.after(at, after, PAGE);
                for (Message m : page) {
                    index(m, false);
                    caughtUpTo = Math.max(caughtUpTo, m.createdAt());
                    paced();
                }
                count += page.size();
                if (!page.isEmpty()) {
                    at = page.getLast().createdAt();
                    after = page.getLast().id();
                    catchingUpAt = at;
                }
                housekeeping(false);
                if (page.size() < PAGE) {
                    catchingUpAt = NONE;
                    return count;
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("search index: reading messages from the database failed; retrying", e);
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count;
            }
        }
        return count;
    }

    private void indexQueued(Message m) throws IOException, InterruptedException {
        queuedChars.addAndGet(-m.text().length());
        index(m, isNew(m));
        paced();
    }

    /**
     * Yields the CPU to the chat while the machine is busy (see {@link CpuShare}): the queue then fills, and what
     * it drops is read back from the database once there is room.
     */
    private void paced() throws InterruptedException {
        if (++sincePaced >= PACE_EVERY && !closing) {
            sincePaced = 0;
            pacing.pace();
        }
    }

    /**
     * Whether a live message cannot be in the index yet: newer than anything a catch-up read, and past the
     * last seq of its conversation indexed live.
     */
    private boolean isNew(Message m) {
        if (liveSeqs.size() >= QUEUE) {
            liveSeqs.clear();
        }
        Long seen = liveSeqs.put(m.conversationId(), m.seq());
        if (seen != null && seen > m.seq()) {
            liveSeqs.put(m.conversationId(), seen);
        }
        return m.createdAt() > caughtUpTo && (seen == null || seen < m.seq());
    }

    /** @param isNew the message cannot be in the index: add it, which is much cheaper than replacing by id */
    private void index(Message m, boolean isNew) throws IOException {
        if (m.sender().kind() == Sender.Kind.SYSTEM || m.text() == null || m.text().isBlank()) {
            return;
        }
        if (isNew) {
            // A delete by id, as an update does, must be looked up in every segment.
            writer.addDocument(HistoryDocuments.of(m, asciiAsChinese));
        } else {
            writer.updateDocument(new Term(HistoryDocuments.ID, m.id()), HistoryDocuments.of(m, asciiAsChinese));
        }
        newest = Math.max(newest, m.createdAt());
        unrefreshed = true;
        uncommitted = true;
    }

    /** Commits when due ({@code now}: whatever is pending). */
    private void housekeeping(boolean now) throws IOException {
        long t = now();
        if (uncommitted && (now || t - committedAt >= COMMIT_MILLIS)) {
            // Everything up to the oldest of: the newest message indexed, where a running catch-up has got to,
            // and just before a message the queue had to drop.
            long upTo = Math.min(newest, Math.min(catchingUpAt, missedFrom.get() == NONE ? NONE : missedFrom.get() - 1));
            writer.setLiveCommitData(Map.of(INDEXED_UP_TO, Long.toString(upTo)).entrySet());
            writer.commit();
            uncommitted = false;
            committedAt = t;
        }
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the worker after it has indexed what is queued and committed. The worker is never interrupted: an
     * interrupt during a file write would close Lucene's channel and fail the writer.
     */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            LOG.warn("search index: the indexing thread did not stop in time");
        }
        try {
            searchers.close();
            writer.close();
            if (!worker.isAlive()) {
                // A clean shutdown makes the index durable once, and says so: the next start skips the check.
                fsDirectory.sync(java.util.Arrays.asList(fsDirectory.listAll()));
                fsDirectory.syncMetaData();
                Files.createFile(dir.resolve(CLEAN_MARK));
            }
            directory.close();
            asciiAsChinese.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("search index: closing failed", e);
        }
    }
}
