package dev.kefu.knowledge;

import java.util.List;
import java.util.Optional;

/** The articles that match a question, best first, one hit per article. */
public record Retrieval(List<Hit> hits) {
    public Retrieval {
        hits = List.copyOf(hits);
    }

    public static Retrieval none() {
        return new Retrieval(List.of());
    }

    public Optional<Hit> top() {
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits.getFirst());
    }
}
