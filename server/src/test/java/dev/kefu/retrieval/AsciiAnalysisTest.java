package dev.kefu.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

/** The cheap analysis of all-ASCII text must give exactly smartcn's words, or searches would miss messages. */
class AsciiAnalysisTest {
    private final Analyzer smartcn = Analyzers.historyChinese();
    private final Analyzer ascii = Analyzers.historyChineseAscii();

    @Test
    void real_sentences_give_smartcns_words() throws IOException {
        for (String s : List.of("a zebra0x appeared", "Don't e-mail me at bob@example.com, OK? Refunds!!",
                "b:0:123:45:9876543210:xxxx", "3.14 v2.0 C++ #tag $100 50% under_score", "iPhone15Pro max",
                "Hello. World! Next sentence? yes", "tab\tsep  and\nnewline\r\nend", "", "   ", "!!!",
                "The quick brown fox's jumps were running and flies cried happily; ponies, caresses, agreed.",
                "ORDER #A-1029-XZ shipped to 221B Baker St. on 2026-11-27T13:55:27Z",
                "x".repeat(1_000) + " 9 9 x", "a\u0001\u0002b\u0000c\u007fd\u001f", "https://shop.example.com/p?id=42&ref=mail#top")) {
            assertThat(words(ascii, s)).as(s).isEqualTo(words(smartcn, s));
        }
    }

    @Test
    void only_short_ascii_text_takes_the_cheap_way() {
        assertThat(HistoryDocuments.isAscii("Where is my parcel #42?")).isTrue();
        assertThat(HistoryDocuments.isAscii("x".repeat(1_024))).isTrue();
        assertThat(HistoryDocuments.isAscii("x".repeat(1_025))).as("smartcn would cut it").isFalse();
        assertThat(HistoryDocuments.isAscii("café")).isFalse();
        assertThat(HistoryDocuments.isAscii("退款 refund")).isFalse();
    }

    @Test
    void random_ascii_gives_smartcns_words() throws IOException {
        Random random = new Random(20261127);
        String[] pieces = {"the", "and", "is", "a", "running", "Refund", "ORDER", "iPhone", "x", "42", "007",
                "ies", "ing", "ed", "'s", "-", "_", ".", ",", "!", "?", " ", " ", " ", "\t", "\n", "@", "#", "%",
                "(", ")", "[", "]", "/", "\\", ":", ";", "\"", "'", "+", "=", "~", "`", "^", "&", "*", "<", ">"};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(40);
            for (int k = 0; k < n; k++) {
                if (random.nextInt(4) == 0) {
                    s.append((char) random.nextInt(128));
                } else {
                    s.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            assertThat(words(ascii, s.toString())).as(s.toString()).isEqualTo(words(smartcn, s.toString()));
        }
    }

    private static List<String> words(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(HistoryQuery.TEXT_ZH, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}
