package dev.kefu.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A question analysed once per analysis: the BM25 query over the question and answer fields, and the score
 * the question would get against a stored phrasing identical to itself (its "self-match"), which scales raw
 * scores into a confidence.
 */
final class QuestionQuery {
    /** One question phrasing (or the title) per document, analysed both ways. */
    static final String Q_ZH = "q_zh";
    static final String Q_EN = "q_en";
    /** The answer, in a document of its own per article. */
    static final String A_ZH = "a_zh";
    static final String A_EN = "a_en";
    /** Matching a phrasing matters most; words of the answer only support it. */
    static final float QUESTION_BOOST = 1.0f;
    static final float ANSWER_BOOST = 0.3f;
    /** Lucene's BM25 defaults, which the self-match mirrors. */
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    /** Enough for any real question, well under Lucene's clause limit. */
    private static final int MAX_TERMS = 64;

    /** Term → how often it occurs in the question, per analysis. */
    private final Map<String, Integer> zh;
    private final Map<String, Integer> en;

    private QuestionQuery(Map<String, Integer> zh, Map<String, Integer> en) {
        this.zh = zh;
        this.en = en;
    }

    static QuestionQuery of(String question, Analyzer chinese, Analyzer english) {
        return new QuestionQuery(terms(chinese, Q_ZH, question), terms(english, Q_EN, question));
    }

    boolean isEmpty() {
        return zh.isEmpty() && en.isEmpty();
    }

    Query query() {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        add(b, Q_ZH, zh, QUESTION_BOOST);
        add(b, Q_EN, en, QUESTION_BOOST);
        add(b, A_ZH, zh, ANSWER_BOOST);
        add(b, A_EN, en, ANSWER_BOOST);
        return b.build();
    }

    /**
     * The BM25 score of a phrasing document containing exactly the question's words: per term
     * {@code boost × idf × tf / (tf + k1 × (1 − b + b × len / avgLen))}, summed over both question fields,
     * with this index's statistics. A word the index has never seen counts with the highest idf, so questions
     * about things the knowledge base does not cover get a large self-match and so a low confidence.
     */
    double selfMatch(IndexSearcher searcher) throws IOException {
        return selfMatch(searcher, Q_ZH, zh) + selfMatch(searcher, Q_EN, en);
    }

    private static double selfMatch(IndexSearcher searcher, String field, Map<String, Integer> terms)
            throws IOException {
        if (terms.isEmpty()) {
            return 0;
        }
        CollectionStatistics stats = searcher.collectionStatistics(field);
        long docs = stats == null ? 0 : stats.docCount();
        double avgLength = stats == null ? 1 : (double) stats.sumTotalTermFreq() / docs;
        int length = terms.values().stream().mapToInt(Integer::intValue).sum();
        double norm = K1 * (1 - B + B * length / avgLength);
        double sum = 0;
        for (Map.Entry<String, Integer> t : terms.entrySet()) {
            int df = searcher.getIndexReader().docFreq(new Term(field, t.getKey()));
            double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
            int tf = t.getValue();
            sum += QUESTION_BOOST * idf * tf / (tf + norm);
        }
        return sum;
    }

    private static void add(BooleanQuery.Builder b, String field, Map<String, Integer> terms, float boost) {
        for (String t : terms.keySet()) {
            b.add(new BoostQuery(new TermQuery(new Term(field, t)), boost), BooleanClause.Occur.SHOULD);
        }
    }

    private static Map<String, Integer> terms(Analyzer analyzer, String field, String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String t = term.toString();
                if (out.size() < MAX_TERMS || out.containsKey(t)) {
                    out.merge(t, 1, Integer::sum);
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory failed", e);
        }
        return out;
    }
}
