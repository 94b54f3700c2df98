package dev.kefu.retrieval;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The two analyses every text is indexed and searched with, so that Chinese, English and mixed text all match:
 * <ul>
 *   <li>{@code _zh} fields: smartcn, which segments Chinese into words (退货, 发票) with a hidden Markov model
 *   and lower-cases and stems the Latin words between them;
 *   <li>{@code _en} fields: the standard tokenizer with English stemming, which also splits Chinese into single
 *   characters, so a question still matches when smartcn segments it differently from the article (退钱 and
 *   退款 share 退).
 * </ul>
 * Analyzers are thread-safe. Both drop the function words of questions ("how do I", "请问…吗"): they occur in nearly every phrasing and
 * would only add noise to the confidence.
 */
final class Analyzers {
    private static final List<String> ENGLISH_FUNCTION_WORDS = List.of("i", "me", "my", "mine", "you", "your",
            "yours", "we", "our", "us", "do", "does", "did", "can", "could", "would", "should", "shall", "may",
            "might", "must", "how", "what", "when", "where", "which", "who", "whom", "why", "am", "is", "are", "was",
            "were", "be", "been", "have", "has", "had", "please", "hi", "hello", "hey", "thanks", "thank", "there",
            "here", "it", "its", "so", "than", "too", "very", "just", "also", "any", "some", "about", "from", "get",
            "want", "need", "help", "possible", "tell", "know", "im", "i'm", "ok", "okay");
    private static final List<String> CHINESE_FUNCTION_WORDS = List.of("的", "了", "吗", "呢", "吧", "啊", "呀", "嘛",
            "么", "我", "我们", "你", "你们", "您", "是", "在", "和", "与", "及", "请问", "请", "一下", "怎么", "怎样",
            "怎么样", "如何", "什么", "哪里", "哪儿", "哪", "能", "能否", "可以", "可", "要", "想", "有", "吗？", "呢？",
            "怎", "什", "麻烦", "帮", "帮忙", "下", "个", "这", "那", "就", "都", "还", "会", "应该", "需要");

    private Analyzers() {
    }

    static Analyzer chinese() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stop.addAll(ENGLISH_FUNCTION_WORDS);
        stop.addAll(CHINESE_FUNCTION_WORDS);
        return new SmartChineseAnalyzer(stop);
    }

    static Analyzer english() {
        CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
        stop.addAll(ENGLISH_FUNCTION_WORDS);
        stop.addAll(CHINESE_FUNCTION_WORDS);
        return english(stop);
    }

    /**
     * smartcn for searching conversation history: only punctuation and English stop words are dropped, since
     * an agent may well look for "help" or 我想 (the question words the bot ignores).
     */
    static Analyzer historyChinese() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new SmartChineseAnalyzer(stop);
    }

    /**
     * What {@link #historyChinese} makes of text that is all ASCII, many times faster: most messages in a
     * busy workspace are, and smartcn's hidden Markov model costs the same whether or not there is Chinese to
     * segment. {@code AsciiAnalysisTest} holds the two to the same words.
     */
    static Analyzer historyChineseAscii() {
        CharArraySet stop = new CharArraySet(SmartChineseAnalyzer.getDefaultStopSet(), true);
        stop.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new AsciiRunTokenizer();
                return new TokenStreamComponents(source, new StopFilter(new PorterStemFilter(source), stop));
            }
        };
    }

    /** The standard tokenizer with English stemming for searching history: English stop words only. */
    static Analyzer historyEnglish() {
        return english(new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true));
    }

    private static Analyzer english(CharArraySet stop) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream s = new CJKWidthFilter(source);
                s = new EnglishPossessiveFilter(s);
                s = new LowerCaseFilter(s);
                s = new StopFilter(s, stop);
                return new TokenStreamComponents(source, new PorterStemFilter(s));
            }

            @Override
            protected TokenStream normalize(String field, TokenStream in) {
                return new LowerCaseFilter(new CJKWidthFilter(in));
            }
        };
    }
}
