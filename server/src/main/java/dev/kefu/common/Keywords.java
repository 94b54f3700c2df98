package dev.kefu.common;

import java.util.List;
import java.util.Locale;

/**
 * Keyword matching for short chat messages: case-insensitive; a keyword in Latin letters must stand as a whole
 * word ("agent" is not in "agents"), a Chinese one may be anywhere (Chinese has no spaces between words).
 */
public final class Keywords {
    private Keywords() {
    }

    public static boolean anyIn(String text, List<String> keywords) {
        String t = text.toLowerCase(Locale.ROOT);
        for (String k : keywords) {
            if (contains(t, k.toLowerCase(Locale.ROOT).strip())) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(String text, String key) {
        if (key.isEmpty()) {
            return false;
        }
        boolean ascii = key.chars().allMatch(c -> c < 128);
        for (int at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
            int end = at + key.length();
            boolean startOk = !ascii || at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endOk = !ascii || end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
        }
        return false;
    }
}
