package dev.kefu.retrieval;

import dev.kefu.knowledge.Article;
import dev.kefu.knowledge.KnowledgeBase;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SerialMergeScheduler;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The search index of one workspace, in memory and derived from the store: built from the enabled articles on
 * first use, then kept current by {@link #apply} and {@link #remove}, each visible to searches on return
 * (near-real-time readers refreshed after every change), and rebuilt by {@link #sync} when the store changed
 * behind its back.
 *
 * <p>Every enabled article becomes one document per question phrasing (the title counting as one), so a short
 * phrasing is scored by its own length rather than drowned among twenty others, plus one document for its
 * answer. Changes are serialised by a lock; searches take no lock. Thread-safe.
 */
final class WorkspaceIndex implements Closeable {
    static final String ARTICLE = "article";
    static final String KIND = "kind";
    static final String QUESTION = "q";
    static final String ANSWER = "a";
    /** The version of a deleted article: no late update may bring it back. */
    private static final long DELETED = Long.MAX_VALUE;
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final ReentrantLock lock = new ReentrantLock();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    /** The indexed (enabled) articles, to answer with without reading the store. */
    private final Map<String, Article> articles = new ConcurrentHashMap<>();
    /** updatedAt of the newest change applied per article; guarded by {@link #lock}. */
    private final Map<String, Long> versions = new HashMap<>();
    private volatile boolean loaded;
    /** When the store's stamp was last compared (System.nanoTime), and the stamp the index was built from. */
    private volatile long checkedAt;
    private KnowledgeBase.Stamp stamp;

    WorkspaceIndex(Analyzer chinese, Analyzer english) {
        Analyzer analyzer = new PerFieldAnalyzerWrapper(english,
                Map.of(QuestionQuery.Q_ZH, chinese, QuestionQuery.A_ZH, chinese));
        try {
            // Small indexes: merging in the writing thread is cheaper than a merge thread per workspace.
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer)
                    .setMergeScheduler(new SerialMergeScheduler()).setCommitOnClose(false));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open an in-memory index", e);
        }
    }

    /**
     * Builds the index from the store on first use, and rebuilds it when the store's stamp shows a change this
     * index was not told about (made through another node of a cluster). Checks at most once a second.
     */
    void sync(Supplier<KnowledgeBase.Stamp> stampOf, Supplier<List<Article>> source) {
        if (loaded && System.nanoTime() - checkedAt < CHECK_NANOS) {
            return;
        }
        lock.lock();
        try {
            if (loaded && System.nanoTime() - checkedAt < CHECK_NANOS) {
                return;
            }
            // The stamp is read before the articles: a change in between shows at the next check.
            KnowledgeBase.Stamp now = stampOf.get();
            if (!loaded || !now.equals(stamp)) {
                writer.deleteAll();
                articles.clear();
                for (Article a : source.get()) {
                    if (versions.getOrDefault(a.id(), Long.MIN_VALUE) != DELETED) {
                        put(a);
                    }
                }
                searchers.maybeRefreshBlocking();
                stamp = now;
                loaded = true;
            }
            checkedAt = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Indexes a new version of an article (removing it when disabled). Ignored before the first build, which
     * reads the store after the change was committed, and for a version older than one already applied.
     */
    void apply(Article a) {
        lock.lock();
        try {
            Long seen = versions.get(a.id());
            if (!loaded || (seen != null && seen > a.updatedAt())) {
                return;
            }
            writer.deleteDocuments(new Term(ARTICLE, a.id()));
            articles.remove(a.id());
            put(a);
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    void remove(String articleId) {
        lock.lock();
        try {
            if (!loaded) {
                return;
            }
            versions.put(articleId, DELETED);
            articles.remove(articleId);
            writer.deleteDocuments(new Term(ARTICLE, articleId));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }

    /** The article as indexed, or null when it was removed since the search saw it. */
    Article article(String id) {
        return articles.get(id);
    }

    /** Runs {@code search} on the current reader. */
    <T> T search(SearchWork<T> search) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return search.run(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface SearchWork<T> {
        T run(IndexSearcher searcher) throws IOException;
    }

    private void put(Article a) throws IOException {
        versions.put(a.id(), a.updatedAt());
        if (!a.enabled()) {
            return;
        }
        List<Document> docs = new ArrayList<>(a.questions().size() + 2);
        List<String> phrasings = new ArrayList<>(a.questions().size() + 1);
        phrasings.add(a.title());
        phrasings.addAll(a.questions());
        for (String p : phrasings) {
            docs.add(doc(a.id(), QUESTION, QuestionQuery.Q_ZH, QuestionQuery.Q_EN, p));
        }
        docs.add(doc(a.id(), ANSWER, QuestionQuery.A_ZH, QuestionQuery.A_EN, a.answer()));
        writer.addDocuments(docs);
        articles.put(a.id(), a);
    }

    private static Document doc(String articleId, String kind, String zhField, String enField, String text) {
        Document d = new Document();
        d.add(new StringField(ARTICLE, articleId, Field.Store.YES));
        d.add(new StringField(KIND, kind, Field.Store.YES));
        d.add(new TextField(zhField, text, Field.Store.NO));
        d.add(new TextField(enField, text, Field.Store.NO));
        return d;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.rollback();
    }
}
