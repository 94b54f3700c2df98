package dev.kefu.llm;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** How long a server asked us to stay away, from its response headers. */
final class RetryAfter {
    private RetryAfter() {
    }

    /**
     * OpenAI's {@code retry-after-ms} (more precise) if present, else the standard {@code Retry-After}: seconds
     * or an HTTP date. Empty when absent or unreadable; never negative.
     */
    static Optional<Duration> of(HttpHeaders headers, Clock clock) {
        Optional<Duration> millis = headers.firstValue("retry-after-ms").flatMap(v -> number(v).map(Duration::ofMillis));
        return millis.isPresent() ? millis : headers.firstValue("retry-after").flatMap(v -> parse(v, clock));
    }

    static Optional<Duration> parse(String value, Clock clock) {
        String v = value.strip();
        Optional<Long> seconds = number(v);
        if (seconds.isPresent()) {
            return Optional.of(Duration.ofSeconds(seconds.get()));
        }
        try {
            Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String v) {
        String s = v.strip();
        if (s.isEmpty() || s.length() > 12 || !s.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(s));
    }
}
