package dev.kefu.visitor;

import dev.kefu.common.KefuException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Custom attributes of a visitor (plan, order count, ...): at most {@value #MAX_COUNT}, keys of 1 to
 * {@value #MAX_KEY} characters of {@code A-Z a-z 0-9 _ . -}, values strings of at most {@value #MAX_VALUE}
 * characters, numbers or booleans.
 */
public final class VisitorAttributes {
    public static final int MAX_COUNT = 50;
    public static final int MAX_KEY = 64;
    public static final int MAX_VALUE = 1000;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY + "}");

    private VisitorAttributes() {
    }

    /**
     * {@code current} with {@code changes} applied: a null value removes its key. INVALID (naming the key) for a
     * bad key or value, or when the result has too many.
     */
    public static Map<String, Object> merge(Map<String, Object> current, Map<String, Object> changes) {
        if (changes.isEmpty()) {
            return current;
        }
        if (changes.size() > MAX_COUNT * 2) {
            throw KefuException.invalid("attributes: at most " + MAX_COUNT + " attributes");
        }
        Map<String, Object> out = new LinkedHashMap<>(current);
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            String key = e.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                throw KefuException.invalid("attributes: keys must have 1 to " + MAX_KEY
                        + " characters of A-Z a-z 0-9 _ . - ('" + abbreviate(key) + "' has not)");
            }
            Object v = e.getValue();
            if (v == null) {
                out.remove(key);
            } else if (v instanceof String s) {
                if (s.length() > MAX_VALUE) {
                    throw KefuException.invalid("attributes." + key + " is longer than " + MAX_VALUE + " characters");
                }
                out.put(key, s);
            } else if (v instanceof Number || v instanceof Boolean) {
                out.put(key, v);
            } else {
                throw KefuException.invalid("attributes." + key + " must be a string, a number or a boolean");
            }
        }
        if (out.size() > MAX_COUNT) {
            throw KefuException.invalid("attributes: at most " + MAX_COUNT + " attributes");
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
