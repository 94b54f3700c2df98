package dev.kefu.csat;

import dev.kefu.conversation.NewMessage;
import java.util.Optional;

/** Port: stored ratings. Blocking. */
public interface Ratings {
    /** Stores (or replaces) the rating and appends the system message that records it, in one transaction. */
    void save(Rating rating, NewMessage record);

    Optional<Rating> of(String conversationId);
}
