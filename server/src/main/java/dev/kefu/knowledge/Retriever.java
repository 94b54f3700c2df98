package dev.kefu.knowledge;

/**
 * Port: finds the enabled articles of a workspace that answer a question. Implementations keep an index derived
 * from {@link KnowledgeBase}; the service tells them about every change after it is stored, and a change is
 * visible to {@link #retrieve} within a second. Thread-safe and blocking; call from virtual threads.
 */
public interface Retriever {
    /** At most {@code limit} articles, best first; empty when nothing matches. */
    Retrieval retrieve(String workspaceId, String question, int limit);

    /** The article was created or changed (it may now be disabled). */
    void indexChanged(String workspaceId, Article article);

    void removed(String workspaceId, String articleId);
}
