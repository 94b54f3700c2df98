package dev.kefu.knowledge;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The knowledge base and its bot: every agent of a workspace reads the articles and may ask the bot, only admins
 * change them. Each change is stored first, then handed to the {@link Retriever} so the bot sees it. Blocking;
 * call from virtual threads.
 */
public final class KnowledgeService {
    /**
     * The confidence the bot needs to answer on its own. Chosen on the bilingual sample and its test questions
     * (server/src/test/resources/knowledge): it answers most paraphrased questions and hands off the
     * out-of-scope ones.
     */
    public static final double DEFAULT_THRESHOLD = 0.45;
    public static final int MAX_IMPORT = 2_000;
    /** The index of every workspace lives in memory; this bounds one workspace's share. */
    public static final int MAX_ARTICLES = 10_000;
    public static final int MAX_QUESTION_LENGTH = 1_000;
    /** Hits fetched per question: the answer plus enough for the suggestions. */
    private static final int HITS = BotAnswerer.SUGGESTIONS + 2;

    private final KnowledgeBase base;
    private final Retriever retriever;
    private final BotAnswerer answerer = new BotAnswerer();
    private final Clock clock;

    public KnowledgeService(KnowledgeBase base, Retriever retriever, Clock clock) {
        this.base = base;
        this.retriever = retriever;
        this.clock = clock;
    }

    public List<Article> list(Caller.Agent caller) {
        return base.list(caller.workspaceId());
    }

    public Article get(Caller.Agent caller, String id) {
        return base.find(caller.workspaceId(), id).orElseThrow(KnowledgeService::notFound);
    }

    public Article create(Caller.Agent caller, ArticleDraft draft) {
        caller.requireAdmin();
        requireRoom(caller.workspaceId(), 1);
        Article a = ArticleRules.apply(draft, null, Ids.next(), caller.workspaceId(), clock.millis());
        base.create(a);
        retriever.indexChanged(a.workspaceId(), a);
        return a;
    }

    /** Changes the fields the draft sets; null fields keep their value. */
    public Article update(Caller.Agent caller, String id, ArticleDraft draft) {
        caller.requireAdmin();
        Article old = base.find(caller.workspaceId(), id).orElseThrow(KnowledgeService::notFound);
        Article a = ArticleRules.apply(draft, old, old.id(), old.workspaceId(), clock.millis());
        if (!base.update(a)) {
            throw notFound();
        }
        retriever.indexChanged(a.workspaceId(), a);
        return a;
    }

    public void delete(Caller.Agent caller, String id) {
        caller.requireAdmin();
        if (!base.delete(caller.workspaceId(), id)) {
            throw notFound();
        }
        retriever.removed(caller.workspaceId(), id);
    }

    /**
     * Imports up to {@link #MAX_IMPORT} rows: a row whose id names an article of this workspace updates it,
     * any other row creates one. Valid rows are saved together; invalid ones are reported and skipped.
     */
    public ImportReport importArticles(Caller.Agent caller, List<ImportRow> rows) {
        caller.requireAdmin();
        if (rows.size() > MAX_IMPORT) {
            throw KefuException.invalid("at most " + MAX_IMPORT + " articles per import");
        }
        String ws = caller.workspaceId();
        Map<String, Article> existing = base.list(ws).stream()
                .collect(Collectors.toMap(Article::id, Function.identity()));
        long now = clock.millis();
        List<Article> created = new ArrayList<>();
        List<Article> updated = new ArrayList<>();
        List<ImportReport.RowError> errors = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.parseError() != null) {
                errors.add(new ImportReport.RowError(row.row(), row.parseError()));
                continue;
            }
            Article old = row.id() == null ? null : existing.get(row.id());
            try {
                if (old != null) {
                    Article a = ArticleRules.apply(row.draft(), old, old.id(), ws, now);
                    existing.put(a.id(), a);
                    updated.add(a);
                } else {
                    // A millisecond apart, so the list (oldest first) keeps the file's order.
                    created.add(ArticleRules.apply(row.draft(), null, Ids.next(), ws, now + created.size()));
                }
            } catch (KefuException e) {
                errors.add(new ImportReport.RowError(row.row(), e.getMessage()));
            }
        }
        requireRoom(ws, created.size());
        base.saveAll(created, updated);
        created.forEach(a -> retriever.indexChanged(ws, a));
        updated.forEach(a -> retriever.indexChanged(ws, a));
        return new ImportReport(created.size(), updated.size(), errors);
    }

    /** Loads the sample articles, but only into an empty knowledge base (CONFLICT otherwise). */
    public ImportReport importSample(Caller.Agent caller, List<ImportRow> sample) {
        caller.requireAdmin();
        if (base.count(caller.workspaceId()) > 0) {
            throw new KefuException(ErrorCode.CONFLICT, "the knowledge base is not empty");
        }
        return importArticles(caller, sample);
    }

    /** What the bot would answer, for an agent trying it out; {@code threshold} null means the default. */
    public Answer ask(Caller.Agent caller, String question, Double threshold) {
        return ask(caller.workspaceId(), question, threshold == null ? DEFAULT_THRESHOLD : threshold);
    }

    /**
     * What the bot answers a visitor of the workspace. The caller has already checked who may ask here.
     * {@code threshold} in [0, 1]: 0 always answers when anything matches, 1 always hands off.
     */
    public Answer ask(String workspaceId, String question, double threshold) {
        String q = question == null ? "" : question.strip();
        if (q.isEmpty() || q.length() > MAX_QUESTION_LENGTH) {
            throw KefuException.invalid("question is required (at most " + MAX_QUESTION_LENGTH + " characters)");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw KefuException.invalid("threshold must be between 0 and 1");
        }
        return answerer.answer(retriever.retrieve(workspaceId, q, HITS), threshold);
    }

    private void requireRoom(String workspaceId, int adding) {
        if (adding > 0 && base.count(workspaceId) + adding > MAX_ARTICLES) {
            throw KefuException.invalid("a knowledge base holds at most " + MAX_ARTICLES + " articles");
        }
    }

    private static KefuException notFound() {
        return new KefuException(ErrorCode.NOT_FOUND, "no such article");
    }
}
