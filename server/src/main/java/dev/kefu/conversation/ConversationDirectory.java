package dev.kefu.conversation;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A read-through cache of conversations for the hot path (access checks on every frame), kept fresh by
 * {@link ConversationEvent.ConversationChanged} events from the bus, which reach every node. Thread-safe.
 */
public final class ConversationDirectory implements Consumer<ConversationEvent> {
    private static final int MAX_ENTRIES = 200_000;

    private final Conversations conversations;
    private final ConcurrentHashMap<String, Conversation> cache = new ConcurrentHashMap<>();

    public ConversationDirectory(Conversations conversations) {
        this.conversations = conversations;
    }

    /** Blocking on a cache miss; call from a virtual thread. */
    public Optional<Conversation> find(String id) {
        Conversation cached = cache.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Conversation> loaded = conversations.find(id);
        loaded.ifPresent(this::remember);
        return loaded;
    }

    /** The cached copy only, never reading the store: for event subscribers that must not block. */
    public Optional<Conversation> peek(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    /** Forgets everything (events may have been missed), so finds read the store again. */
    public void clear() {
        cache.clear();
    }

    /** Forgets one entry, so the next {@link #find} reads the store. */
    public void forget(String id) {
        cache.remove(id);
    }

    @Override
    public void accept(ConversationEvent event) {
        if (event instanceof ConversationEvent.ConversationChanged changed) {
            Conversation c = changed.conversation();
            // Events can arrive out of order across nodes; never replace a newer copy with an older one.
            cache.compute(c.id(), (id, old) -> old == null || old.updatedAt() <= c.updatedAt() ? c : old);
        }
    }

    private void remember(Conversation c) {
        if (cache.size() >= MAX_ENTRIES) {
            // Crude but bounded: the cache refills from the store on demand.
            cache.clear();
        }
        cache.putIfAbsent(c.id(), c);
    }
}
