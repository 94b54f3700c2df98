package dev.kefu.retrieval;

import dev.kefu.knowledge.Article;
import dev.kefu.knowledge.Hit;
import dev.kefu.knowledge.KnowledgeBase;
import dev.kefu.knowledge.Retrieval;
import dev.kefu.knowledge.Retriever;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Retriever} on Lucene: BM25 over question phrasings and answers, one in-memory index per workspace.
 *
 * <p>The index lives in memory and is built from the store the first time a workspace is searched after a
 * start: the store stays the one source of truth, so there are no index files to migrate, repair or back up, and
 * every node of a cluster builds its own from the shared database. Changes made through this node are applied
 * at once; a search also compares the store's {@link KnowledgeBase#stamp} with the index's (at most once a
 * second) and rebuilds on a difference, so changes made through another node arrive within about a second. A knowledge base is small (at most
 * {@code KnowledgeService.MAX_ARTICLES} articles, typically a few hundred), so the rebuild takes milliseconds
 * and the memory is about twice the articles' text. Thread-safe; blocking.
 */
public final class LuceneRetriever implements Retriever, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneRetriever.class);
    /** Documents read per question: several phrasings per article, enough articles for the suggestions. */
    private static final int DOCS = 200;
    private static final Set<String> STORED = Set.of(WorkspaceIndex.ARTICLE, WorkspaceIndex.KIND);

    private final KnowledgeBase base;
    private final Analyzer chinese = Analyzers.chinese();
    private final Analyzer english = Analyzers.english();
    private final Map<String, WorkspaceIndex> indexes = new ConcurrentHashMap<>();

    public LuceneRetriever(KnowledgeBase base) {
        this.base = base;
    }

    @Override
    public Retrieval retrieve(String workspaceId, String question, int limit) {
        QuestionQuery q = QuestionQuery.of(question, chinese, english);
        if (q.isEmpty() || limit <= 0) {
            return Retrieval.none();
        }
        WorkspaceIndex index = index(workspaceId);
        index.sync(() -> base.stamp(workspaceId), () -> base.enabled(workspaceId));
        return index.search(s -> rank(s, index, q, limit));
    }

    @Override
    public void indexChanged(String workspaceId, Article article) {
        index(workspaceId).apply(article);
    }

    @Override
    public void removed(String workspaceId, String articleId) {
        index(workspaceId).remove(articleId);
    }

    private WorkspaceIndex index(String workspaceId) {
        return indexes.computeIfAbsent(workspaceId, w -> new WorkspaceIndex(chinese, english));
    }

    /** One score per article: its best-matching phrasing plus its answer. */
    private static Retrieval rank(IndexSearcher s, WorkspaceIndex index, QuestionQuery q, int limit)
            throws IOException {
        ScoreDoc[] docs = s.search(q.query(), DOCS).scoreDocs;
        StoredFields fields = s.storedFields();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (ScoreDoc d : docs) {
            Document doc = fields.document(d.doc, STORED);
            double[] qa = scores.computeIfAbsent(doc.get(WorkspaceIndex.ARTICLE), k -> new double[2]);
            int slot = WorkspaceIndex.ANSWER.equals(doc.get(WorkspaceIndex.KIND)) ? 1 : 0;
            qa[slot] = Math.max(qa[slot], d.score);
        }
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(scores.size());
        scores.forEach((id, qa) -> ranked.add(Map.entry(id, qa[0] + qa[1])));
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
        double self = q.selfMatch(s);
        List<Hit> hits = new ArrayList<>(Math.min(limit, ranked.size()));
        for (int i = 0; i < ranked.size() && hits.size() < limit; i++) {
            Article a = index.article(ranked.get(i).getKey());
            if (a == null) {
                continue;
            }
            double score = ranked.get(i).getValue();
            double bestOther = i == 0 ? (ranked.size() > 1 ? ranked.get(1).getValue() : 0) : ranked.get(0).getValue();
            hits.add(new Hit(a.id(), a.title(), a.answer(), score, Confidence.of(score, bestOther, self)));
        }
        return new Retrieval(hits);
    }

    @Override
    public void close() {
        for (WorkspaceIndex index : indexes.values()) {
            try {
                index.close();
            } catch (IOException e) {
                LOG.warn("closing a knowledge index failed", e);
            }
        }
        indexes.clear();
    }
}
