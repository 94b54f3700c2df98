package dev.kefu.search;

/**
 * A stretch of a text: characters {@code start} (included) to {@code end} (excluded), counted in UTF-16 code
 * units like Java's and JavaScript's string indexes.
 */
public record TextRange(int start, int end) {
    public TextRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }
}
