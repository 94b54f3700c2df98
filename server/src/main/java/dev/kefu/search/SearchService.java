package dev.kefu.search;

import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.ConversationSummary;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Search over a workspace's conversation history and visitors, for its agents (never visitors).
 *
 * <p>The index finds the best matching messages ({@link #HITS}); they are grouped by conversation, and a
 * conversation scores its best message plus half of each further matching message (at most
 * {@link #EXTRA_MATCHES} of them), so a conversation that keeps coming back to the subject ranks above one that
 * mentions it in passing, without letting a long chatty one drown a precise one. The conversations are then
 * filtered by their current state, assignee and label in the store, since those change after their messages
 * were indexed. Blocking; thread-safe.
 */
public final class SearchService {
    public static final int MAX_QUERY = 200;
    public static final int MAX_LIMIT = 50;
    public static final int MATCHES_PER_CONVERSATION = 3;
    public static final int SNIPPET_LENGTH = 200;
    public static final int MAX_VISITORS = 20;
    /** Messages read from the index per search: enough for 50 conversations after filtering, in practice. */
    static final int HITS = 1000;
    static final int EXTRA_MATCHES = 9;
    static final double EXTRA_WEIGHT = 0.5;
    /** Conversations checked against the filters per store query. */
    private static final int BATCH = 100;

    private final HistoryIndex index;
    private final SearchCandidates candidates;
    private final Function<List<String>, Map<String, List<String>>> labelsOf;
    private final Function<String, ZoneId> zoneOf;

    /**
     * @param labelsOf the label ids of each of the given conversations
     * @param zoneOf   the time zone of a workspace, in which dates are days
     */
    public SearchService(HistoryIndex index, SearchCandidates candidates,
                         Function<List<String>, Map<String, List<String>>> labelsOf, Function<String, ZoneId> zoneOf) {
        this.index = index;
        this.candidates = candidates;
        this.labelsOf = labelsOf;
        this.zoneOf = zoneOf;
    }

    /** INVALID for a malformed query; FORBIDDEN for visitors. */
    public SearchResults search(Caller caller, SearchQuery q) {
        if (!(caller instanceof Caller.Agent agent)) {
            throw KefuException.forbidden("agents only");
        }
        String text = q.text() == null ? "" : q.text().strip();
        if (text.isEmpty() || text.length() > MAX_QUERY) {
            throw KefuException.invalid("q must be 1 to " + MAX_QUERY + " characters");
        }
        if (q.limit() < 1 || q.limit() > MAX_LIMIT) {
            throw KefuException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        ConversationState state = q.state() == null ? null : ConversationState.parse(q.state())
                .orElseThrow(() -> KefuException.invalid("state must be one of bot, queued, open, resolved"));
        String assignee = "me".equals(q.agent()) ? agent.id() : id(q.agent(), "agent");
        SearchCandidates.Filter filter = new SearchCandidates.Filter(state, assignee, id(q.labelId(), "label"));
        long[] range = range(agent.workspaceId(), q.from(), q.to());

        Hits hits = index.search(agent.workspaceId(), text, range[0], range[1], HITS);
        List<Ranked> ranked = rank(hits);
        List<SearchResults.ConversationResult> results = new ArrayList<>();
        for (int from = 0; from < ranked.size() && results.size() < q.limit(); from += BATCH) {
            List<Ranked> batch = ranked.subList(from, Math.min(ranked.size(), from + BATCH));
            Map<String, ConversationSummary> passing = new HashMap<>();
            for (ConversationSummary s : candidates.conversations(agent.workspaceId(),
                    batch.stream().map(Ranked::conversationId).toList(), filter)) {
                passing.put(s.conversation().id(), s);
            }
            List<Ranked> kept = batch.stream().filter(r -> passing.containsKey(r.conversationId()))
                    .limit(q.limit() - results.size()).toList();
            Map<String, List<String>> labels = labelsOf.apply(kept.stream().map(Ranked::conversationId).toList());
            for (Ranked r : kept) {
                results.add(new SearchResults.ConversationResult(passing.get(r.conversationId()),
                        labels.getOrDefault(r.conversationId(), List.of()), r.score(), matches(text, r.hits())));
            }
        }
        return new SearchResults(results, candidates.visitors(agent.workspaceId(), text, MAX_VISITORS));
    }

    private record Ranked(String conversationId, double score, List<Hits.Hit> hits) {
    }

    /** Conversations by score, best first; each with its matching messages, best first. */
    private static List<Ranked> rank(Hits hits) {
        Map<String, List<Hits.Hit>> byConversation = new LinkedHashMap<>();
        for (Hits.Hit h : hits.items()) {
            byConversation.computeIfAbsent(h.conversationId(), k -> new ArrayList<>()).add(h);
        }
        List<Ranked> ranked = new ArrayList<>(byConversation.size());
        byConversation.forEach((id, list) -> {
            list.sort(Comparator.comparingDouble(Hits.Hit::score).reversed());
            double score = list.getFirst().score();
            for (int i = 1; i < list.size() && i <= EXTRA_MATCHES; i++) {
                score += EXTRA_WEIGHT * list.get(i).score();
            }
            ranked.add(new Ranked(id, score, list));
        });
        ranked.sort(Comparator.comparingDouble(Ranked::score).reversed());
        return ranked;
    }

    private List<SearchResults.Match> matches(String query, List<Hits.Hit> hits) {
        List<SearchResults.Match> out = new ArrayList<>(MATCHES_PER_CONVERSATION);
        for (Hits.Hit h : hits.subList(0, Math.min(hits.size(), MATCHES_PER_CONVERSATION))) {
            Snippet snippet = Snippet.of(h.text(), index.highlight(query, h.text()), SNIPPET_LENGTH);
            out.add(new SearchResults.Match(h.messageId(), h.seq(), h.sender(), h.createdAt(), snippet));
        }
        return out;
    }

    /** {@code [start, end)} in epoch milliseconds of the days from–to in the workspace's zone; open ends unbounded. */
    private long[] range(String workspaceId, String from, String to) {
        LocalDate first = from == null ? null : date(from, "from");
        LocalDate last = to == null ? null : date(to, "to");
        if (first != null && last != null && last.isBefore(first)) {
            throw KefuException.invalid("to must be on or after from");
        }
        ZoneId zone = zoneOf.apply(workspaceId);
        long start = first == null ? Long.MIN_VALUE : first.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = last == null ? Long.MAX_VALUE : last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new long[] {start, end};
    }

    private static LocalDate date(String s, String field) {
        try {
            LocalDate d = LocalDate.parse(s);
            if (d.getYear() < 1970 || d.getYear() > 9999) {
                throw KefuException.invalid(field + " must be a date from 1970 on");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw KefuException.invalid(field + " must be a date like 2026-11-01");
        }
    }

    /** An id parameter: null when absent; at most 64 letters, digits, '-' or '_'. */
    private static String id(String s, String field) {
        if (s == null) {
            return null;
        }
        if (s.isEmpty() || s.length() > 64 || !s.chars().allMatch(c -> c < 128
                && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
            throw KefuException.invalid(field + " must be an id" + ("agent".equals(field) ? " or me" : ""));
        }
        return s;
    }
}
