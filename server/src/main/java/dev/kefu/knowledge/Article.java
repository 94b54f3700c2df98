package dev.kefu.knowledge;

import java.util.List;

/**
 * One knowledge-base entry (an FAQ): a title, the ways visitors phrase the question, the answer in Markdown and
 * tags for the console. Only enabled articles are searched by the bot. Lists are immutable.
 */
public record Article(String id, String workspaceId, String title, List<String> questions, String answer,
                      List<String> tags, boolean enabled, long createdAt, long updatedAt) {
    public Article {
        questions = List.copyOf(questions);
        tags = List.copyOf(tags);
    }
}
