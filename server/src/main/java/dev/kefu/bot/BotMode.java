package dev.kefu.bot;

import java.util.Locale;
import java.util.Optional;

/** When the bot answers first: never, always, or only outside business hours (a human team by day). */
public enum BotMode {
    OFF, ALWAYS, OUTSIDE_HOURS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BotMode> parse(String s) {
        for (BotMode m : values()) {
            if (m.wire().equals(s)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
