package dev.kefu.knowledge;

import dev.kefu.common.KefuException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates drafts and turns them into clean articles: text trimmed, blank and repeated questions and tags
 * dropped. The limits keep one article small enough to index and to show in a chat bubble.
 */
final class ArticleRules {
    static final int MAX_TITLE = 200;
    static final int MAX_QUESTIONS = 20;
    static final int MAX_QUESTION = 500;
    static final int MAX_ANSWER = 20_000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 50;

    private ArticleRules() {
    }

    /** The draft over {@code base} (null when creating), checked; INVALID with a clear message otherwise. */
    static Article apply(ArticleDraft d, Article base, String id, String workspaceId, long now) {
        String title = clean(d.title() != null ? d.title() : base == null ? null : base.title());
        if (title == null || title.isEmpty() || title.length() > MAX_TITLE) {
            throw KefuException.invalid("title is required (at most " + MAX_TITLE + " characters)");
        }
        List<String> questions = questions(d.questions() != null ? d.questions() : base == null ? List.of() : base.questions());
        String answer = clean(d.answer() != null ? d.answer() : base == null ? null : base.answer());
        if (answer == null || answer.isEmpty() || answer.length() > MAX_ANSWER) {
            throw KefuException.invalid("answer is required (at most " + MAX_ANSWER + " characters)");
        }
        List<String> tags = tags(d.tags() != null ? d.tags() : base == null ? List.of() : base.tags());
        boolean enabled = d.enabled() != null ? d.enabled() : base == null || base.enabled();
        long created = base == null ? now : base.createdAt();
        // Strictly increasing, so the index can tell a newer version from an older one written at the same time.
        long updated = base == null ? now : Math.max(now, base.updatedAt() + 1);
        return new Article(id, workspaceId, title, questions, answer, tags, enabled, created, updated);
    }

    private static List<String> questions(List<String> raw) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        int n = 0;
        for (String q : raw) {
            n++;
            String c = clean(q);
            if (c == null || c.isEmpty()) {
                continue;
            }
            if (c.length() > MAX_QUESTION) {
                throw KefuException.invalid("question " + n + " is longer than " + MAX_QUESTION + " characters");
            }
            if (seen.add(c.toLowerCase(Locale.ROOT))) {
                out.add(c);
            }
        }
        if (out.size() > MAX_QUESTIONS) {
            throw KefuException.invalid("at most " + MAX_QUESTIONS + " questions per article");
        }
        return out;
    }

    private static List<String> tags(List<String> raw) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String t : raw) {
            String c = clean(t);
            if (c == null || c.isEmpty()) {
                continue;
            }
            // CSV keeps tags in one cell separated by | or comma, so a tag cannot contain them.
            if (c.length() > MAX_TAG || c.chars().anyMatch(ch -> ch == '|' || ch == ',' || ch == '\n' || ch == '\r')) {
                throw KefuException.invalid("a tag has at most " + MAX_TAG + " characters and no | , or line break");
            }
            if (seen.add(c.toLowerCase(Locale.ROOT))) {
                out.add(c);
            }
        }
        if (out.size() > MAX_TAGS) {
            throw KefuException.invalid("at most " + MAX_TAGS + " tags per article");
        }
        return out;
    }

    private static String clean(String s) {
        return s == null ? null : s.strip();
    }
}
