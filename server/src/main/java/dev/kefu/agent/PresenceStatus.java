package dev.kefu.agent;

import java.util.Locale;
import java.util.Optional;

/** Whether an agent can take chats: online (chose online and is connected), away (chose away), offline (no connection). */
public enum PresenceStatus {
    ONLINE, AWAY, OFFLINE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The statuses an agent may choose: online or away. */
    public static Optional<PresenceStatus> parseChoice(String s) {
        if ("online".equals(s)) {
            return Optional.of(ONLINE);
        }
        if ("away".equals(s)) {
            return Optional.of(AWAY);
        }
        return Optional.empty();
    }
}
