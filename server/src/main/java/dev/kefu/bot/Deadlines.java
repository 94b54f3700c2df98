package dev.kefu.bot;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a visitor may wait for the bot. Both count from the start of the call.
 *
 * @param firstToken until the first word of the answer arrives (a silent bot feels broken sooner than a slow one)
 * @param total      until the answer is complete
 */
public record Deadlines(Duration firstToken, Duration total) {
    public static final Deadlines DEFAULT = new Deadlines(Duration.ofMillis(800), Duration.ofSeconds(15));

    public Deadlines {
        Objects.requireNonNull(firstToken, "firstToken");
        Objects.requireNonNull(total, "total");
        if (firstToken.isNegative() || firstToken.isZero() || total.isNegative() || total.isZero()) {
            throw new IllegalArgumentException("deadlines must be positive");
        }
    }

    public static Deadlines defaults() {
        return DEFAULT;
    }
}
