package dev.kefu.knowledge;

import java.util.List;

/**
 * What a caller sends to create or change an article, before validation. On an update a null field keeps the
 * article's value; on a create, a null list is empty and a null {@code enabled} is true.
 */
public record ArticleDraft(String title, List<String> questions, String answer, List<String> tags, Boolean enabled) {
}
