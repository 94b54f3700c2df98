package dev.kefu.bot;

import java.util.Objects;
import java.util.Set;

/** One message of a chat-completions prompt. {@code role} is {@code system}, {@code user} or {@code assistant}. */
public record ChatTurn(String role, String content) {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatTurn {
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be system, user or assistant, not " + role);
        }
    }

    public static ChatTurn system(String content) {
        return new ChatTurn("system", content);
    }

    public static ChatTurn user(String content) {
        return new ChatTurn("user", content);
    }

    public static ChatTurn assistant(String content) {
        return new ChatTurn("assistant", content);
    }
}
