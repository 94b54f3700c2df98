package dev.kefu.conversation;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a conversation: the bot answers first, then it waits in the queue for a human, is open with an
 * assignee, and is resolved; a resolved conversation can be reopened. Every allowed move is listed here.
 */
public enum ConversationState {
    BOT, QUEUED, OPEN, RESOLVED;

    public Set<ConversationState> next() {
        return switch (this) {
            case BOT -> EnumSet.of(QUEUED, OPEN, RESOLVED);
            case QUEUED -> EnumSet.of(OPEN, RESOLVED);
            case OPEN -> EnumSet.of(QUEUED, RESOLVED);
            case RESOLVED -> EnumSet.of(QUEUED, OPEN);
        };
    }

    public boolean canMoveTo(ConversationState target) {
        return next().contains(target);
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationState> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (ConversationState state : values()) {
            if (state.wire().equals(s)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
