package dev.kefu.conversation;

import java.util.Locale;

/** Who wrote a message, typed or read. {@code id} is null for the system. */
public record Sender(Kind kind, String id) {
    public enum Kind {
        VISITOR, AGENT, BOT, SYSTEM;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public static final Sender SYSTEM = new Sender(Kind.SYSTEM, null);
}
