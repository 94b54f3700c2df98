package dev.kefu.knowledge;

import java.util.List;
import java.util.Optional;

/** Port: the stored articles of each workspace, the source of truth for the bot's index. Blocking. */
public interface KnowledgeBase {
    Optional<Article> find(String workspaceId, String id);

    /** Every article of the workspace, oldest first. */
    List<Article> list(String workspaceId);

    /** The articles the bot may answer with. */
    List<Article> enabled(String workspaceId);

    int count(String workspaceId);

    /**
     * A cheap summary that changes whenever the workspace's articles do (a create or delete changes the count,
     * an update raises the newest {@code updatedAt}), so an index can tell it missed a change made elsewhere.
     */
    Stamp stamp(String workspaceId);

    record Stamp(int count, long lastUpdatedAt) {
    }

    void create(Article article);

    /** @return false when there is no such article in its workspace */
    boolean update(Article article);

    /** @return false when there was no such article in the workspace */
    boolean delete(String workspaceId, String id);

    /** Creates and updates many articles in one transaction (an import): all of them or none. */
    void saveAll(List<Article> created, List<Article> updated);
}
