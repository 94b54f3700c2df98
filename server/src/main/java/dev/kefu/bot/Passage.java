package dev.kefu.bot;

import java.util.Objects;

/** A knowledge-base passage the answer must be grounded in, best match first in any list of them. */
public record Passage(String title, String text) {
    public Passage {
        title = title == null ? "" : title;
        Objects.requireNonNull(text, "text");
    }
}
