package dev.kefu.retrieval;

import java.io.IOException;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Splits ASCII text the way smartcn does, at a fraction of its cost: every run of letters (lower-cased) and
 * every run of digits is a word ({@code iPhone15Pro} → iphone, 15, pro), and so is each control character
 * other than tab, CR and LF; everything else separates. Only for all-ASCII text that fits smartcn's buffer in
 * one piece (see {@link Analyzers#historyChineseAscii}).
 */
final class AsciiRunTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final char[] buffer = new char[1024];
    private int length;
    private int at;
    /** Offset in the whole input of {@code buffer[0]}. */
    private int base;
    private boolean exhausted;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int kind;
        while (true) {
            if (at == length && !fill()) {
                return false;
            }
            kind = kind(buffer[at]);
            if (kind != 0) {
                break;
            }
            at++;
        }
        int start = base + at;
        while (true) {
            char c = buffer[at];
            term.append(kind == 1 ? Character.toLowerCase(c) : c);
            at++;
            if (at == length && !fill()) {
                break;
            }
            if (kind == 3 || kind(buffer[at]) != kind) {
                break;
            }
        }
        int end = start + term.length();
        offset.setOffset(correctOffset(start), correctOffset(end));
        return true;
    }

    /** 1: letter, 2: digit, 3: a control character that is a word of its own, 0: a separator. */
    private static int kind(char c) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return 1;
        }
        if (c >= '0' && c <= '9') {
            return 2;
        }
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? 3 : 0;
    }

    private boolean fill() throws IOException {
        if (exhausted) {
            return false;
        }
        base += length;
        length = 0;
        at = 0;
        int n = input.read(buffer, 0, buffer.length);
        if (n <= 0) {
            exhausted = true;
            return false;
        }
        length = n;
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int last = correctOffset(base + length);
        offset.setOffset(last, last);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        length = 0;
        at = 0;
        base = 0;
        exhausted = false;
    }
}
