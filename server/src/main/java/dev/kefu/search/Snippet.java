package dev.kefu.search;

import java.util.ArrayList;
import java.util.List;

/**
 * A short piece of a message around its first match, with the matched words as character ranges into
 * {@link #text} — plain text, never markup, so a client renders it safely. A cut is marked with "…"; line
 * breaks and tabs become spaces (one for one, so ranges stay put).
 */
public record Snippet(String text, List<TextRange> highlights) {
    /** Characters kept before the first match when the message is cut. */
    static final int CONTEXT = 40;
    /** How far past the window's start a word boundary is looked for, in non-Chinese text. */
    private static final int WORD_START = 15;
    private static final String ELLIPSIS = "…";

    public Snippet {
        highlights = List.copyOf(highlights);
    }

    /**
     * The window of at most {@code max} characters (ellipses included) around the first of {@code matches}
     * (sorted ranges into {@code text}); with no match, the start of the text.
     */
    public static Snippet of(String text, List<TextRange> matches, int max) {
        int length = text.length();
        int start = 0;
        int end = length;
        if (length > max) {
            int first = matches.isEmpty() ? 0 : Math.min(matches.getFirst().start(), length);
            start = Math.max(0, first - CONTEXT);
            start = wordStart(text, start, first);
            if (start + max >= length) {
                // Near the end: show the last max characters rather than a short window.
                start = Math.max(0, length - (max - 1));
            }
            int room = max - (start > 0 ? 1 : 0);
            end = Math.min(length, start + room);
            if (end < length) {
                end--;
            }
            if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
                start++;
            }
            if (end < length && end > start && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
        }
        String prefix = start > 0 ? ELLIPSIS : "";
        String body = text.substring(start, end).replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        String out = prefix + body + (end < length ? ELLIPSIS : "");
        List<TextRange> ranges = new ArrayList<>();
        for (TextRange m : matches) {
            int s = Math.max(m.start(), start);
            int e = Math.min(m.end(), end);
            if (e > s) {
                ranges.add(new TextRange(s - start + prefix.length(), e - start + prefix.length()));
            }
        }
        return new Snippet(out, ranges);
    }

    /** Moves a cut forward to just after a space, when one is near and before the match (not in Chinese). */
    private static int wordStart(String text, int start, int first) {
        if (start == 0) {
            return 0;
        }
        int limit = Math.min(first, start + WORD_START);
        for (int i = start; i < limit; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        return start;
    }
}
