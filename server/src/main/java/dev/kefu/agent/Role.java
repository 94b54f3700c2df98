package dev.kefu.agent;

import java.util.Locale;

/** What an agent may do in its workspace. Ordered from most to least privileged. */
public enum Role {
    OWNER, ADMIN, AGENT;

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
