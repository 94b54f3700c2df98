package dev.kefu.retrieval;

import dev.kefu.search.TextRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A history search analysed into words, each matched two ways: as smartcn's word in the {@code _zh} field, or
 * as the standard tokenizer's term in the {@code _en} field — for Chinese, the word's characters one after the
 * other (a phrase of single characters), which finds it however smartcn segmented the message around it (退款
 * inside 退款单). Latin words are stemmed both ways (refunds → refund).
 *
 * <p>Every word must match (in a query of more than {@link #ALL_WORDS} words, three quarters of them), in any
 * order: 申请退款 finds 退款申请, and 订单号 does not find every message with 号. BM25 ranks what matches; a word
 * found both ways counts twice. The same words give the highlights: where each occurs in a text.
 */
final class HistoryQuery {
    static final String TEXT_ZH = "text_zh";
    static final String TEXT_EN = "text_en";
    /** Enough for any real query, well under Lucene's clause limit. */
    private static final int MAX_WORDS = 32;
    private static final int ALL_WORDS = 4;

    /** One word of the query: smartcn's term (null: none) and the standard analysis' terms in order. */
    private record Word(String zh, List<String> en) {
    }

    private record Token(String term, int position, int start, int end) {
    }

    private final List<Word> words;
    private final Analyzer chinese;
    private final Analyzer english;

    private HistoryQuery(List<Word> words, Analyzer chinese, Analyzer english) {
        this.words = words;
        this.chinese = chinese;
        this.english = english;
    }

    static HistoryQuery of(String text, Analyzer chinese, Analyzer english) {
        List<Word> words = new ArrayList<>();
        for (Token zh : tokens(chinese, TEXT_ZH, text)) {
            List<String> en = tokens(english, TEXT_EN, text.substring(zh.start(), zh.end())).stream()
                    .map(Token::term).toList();
            Word w = new Word(zh.term(), en);
            if (!words.contains(w) && words.size() < MAX_WORDS) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            // smartcn dropped everything (it should not, but the standard analysis is the fallback).
            for (Token en : tokens(english, TEXT_EN, text)) {
                Word w = new Word(null, List.of(en.term()));
                if (!words.contains(w) && words.size() < MAX_WORDS) {
                    words.add(w);
                }
            }
        }
        return new HistoryQuery(words, chinese, english);
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    Query query() {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Word w : words) {
            BooleanQuery.Builder either = new BooleanQuery.Builder();
            if (w.zh() != null) {
                either.add(new TermQuery(new Term(TEXT_ZH, w.zh())), BooleanClause.Occur.SHOULD);
            }
            if (w.en().size() == 1) {
                either.add(new TermQuery(new Term(TEXT_EN, w.en().getFirst())), BooleanClause.Occur.SHOULD);
            } else if (w.en().size() > 1) {
                PhraseQuery.Builder phrase = new PhraseQuery.Builder();
                for (int i = 0; i < w.en().size(); i++) {
                    phrase.add(new Term(TEXT_EN, w.en().get(i)), i);
                }
                either.add(phrase.build(), BooleanClause.Occur.SHOULD);
            }
            all.add(either.build(), BooleanClause.Occur.SHOULD);
        }
        int n = words.size();
        all.setMinimumNumberShouldMatch(n <= ALL_WORDS ? n : (int) Math.ceil(n * 0.75));
        return all.build();
    }

    /** Where the query's words occur in {@code text}, either way: sorted, merged ranges. */
    List<TextRange> highlight(String text) {
        List<int[]> found = new ArrayList<>();
        List<Token> zh = tokens(chinese, TEXT_ZH, text);
        List<Token> en = tokens(english, TEXT_EN, text);
        for (Word w : words) {
            if (w.zh() != null) {
                for (Token t : zh) {
                    if (t.term().equals(w.zh())) {
                        found.add(new int[] {t.start(), t.end()});
                    }
                }
            }
            if (!w.en().isEmpty()) {
                phrase(en, w.en(), found);
            }
        }
        found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<TextRange> merged = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int[] r : found) {
            if (start >= 0 && r[0] <= end) {
                end = Math.max(end, r[1]);
                continue;
            }
            if (start >= 0) {
                merged.add(new TextRange(start, end));
            }
            start = r[0];
            end = r[1];
        }
        if (start >= 0) {
            merged.add(new TextRange(start, end));
        }
        return merged;
    }

    /** Adds the spans where {@code terms} occur at consecutive positions of {@code tokens}. */
    private static void phrase(List<Token> tokens, List<String> terms, List<int[]> found) {
        for (int i = 0; i + terms.size() <= tokens.size(); i++) {
            int k = 0;
            while (k < terms.size() && tokens.get(i + k).term().equals(terms.get(k))
                    && tokens.get(i + k).position() == tokens.get(i).position() + k) {
                k++;
            }
            if (k == terms.size()) {
                found.add(new int[] {tokens.get(i).start(), tokens.get(i + k - 1).end()});
            }
        }
    }

    private static List<Token> tokens(Analyzer analyzer, String field, String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            int position = -1;
            while (ts.incrementToken()) {
                position += increment.getPositionIncrement();
                int start = Math.min(offset.startOffset(), text.length());
                int end = Math.min(Math.max(offset.endOffset(), start), text.length());
                out.add(new Token(term.toString(), position, start, end));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory failed", e);
        }
        return out;
    }
}
