package dev.kefu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.ConversationSummary;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service with an in-memory index and store. */
class SearchServiceTest {
    static final Caller.Agent AGENT = new Caller.Agent("W", "A1", "agent", "h");

    /** Returns the hits it was given, whatever the query; highlights every "x". */
    static final class FakeIndex implements HistoryIndex {
        final List<Hits.Hit> hits = new ArrayList<>();
        long from;
        long to;

        @Override
        public void add(Message message) {
        }

        @Override
        public Hits search(String workspaceId, String query, long fromMillis, long toMillis, int limit) {
            from = fromMillis;
            to = toMillis;
            return new Hits(hits.stream().limit(limit).toList());
        }

        @Override
        public List<TextRange> highlight(String query, String text) {
            List<TextRange> out = new ArrayList<>();
            for (int i = text.indexOf('x'); i >= 0; i = text.indexOf('x', i + 1)) {
                out.add(new TextRange(i, i + 1));
            }
            return out;
        }
    }

    /** Conversations whose id is in {@code open} are open and assigned to A1; the rest resolved. */
    static final class FakeCandidates implements SearchCandidates {
        final List<String> open = new ArrayList<>();
        int queries;

        @Override
        public List<ConversationSummary> conversations(String workspaceId, Collection<String> ids, Filter f) {
            queries++;
            List<ConversationSummary> out = new ArrayList<>();
            for (String id : ids) {
                boolean isOpen = open.contains(id);
                ConversationState state = isOpen ? ConversationState.OPEN : ConversationState.RESOLVED;
                if ((f.state() == null || f.state() == state) && (f.assigneeId() == null || isOpen && f.assigneeId().equals("A1"))) {
                    out.add(new ConversationSummary(new Conversation(id, workspaceId, "V" + id, state, isOpen ? "A1" : null,
                            1, 0, 0, 0, null, 0, 0), "name", null, null, null, 0, 0));
                }
            }
            return out;
        }

        @Override
        public List<VisitorMatch> visitors(String workspaceId, String text, int limit) {
            return List.of();
        }
    }

    final FakeIndex index = new FakeIndex();
    final FakeCandidates candidates = new FakeCandidates();
    final SearchService service = new SearchService(index, candidates, ids -> Map.of(), w -> ZoneOffset.ofHours(8));

    static Hits.Hit hit(String conversation, int seq, double score, String text) {
        return new Hits.Hit(conversation + "-" + seq, conversation, seq, new Sender(Sender.Kind.VISITOR, "V"), 0, text, score);
    }

    static SearchQuery q(String text) {
        return new SearchQuery(text, null, null, null, null, null, 20);
    }

    @Test
    void conversations_rank_by_best_message_plus_half_of_the_others_and_keep_their_best_three() {
        index.hits.addAll(List.of(hit("A", 1, 5, "a x"), hit("B", 1, 4, "b x"), hit("B", 2, 3, "bx"),
                hit("B", 3, 2, "x"), hit("B", 4, 1, "xx")));
        SearchResults r = service.search(AGENT, q("x"));
        assertThat(r.conversations()).extracting(c -> c.summary().conversation().id()).containsExactly("B", "A");
        SearchResults.ConversationResult b = r.conversations().getFirst();
        assertThat(b.score()).isEqualTo(4 + 0.5 * (3 + 2 + 1));
        assertThat(b.matches()).extracting(SearchResults.Match::seq).containsExactly(1L, 2L, 3L);
        assertThat(b.matches().getFirst().snippet().highlights()).containsExactly(new TextRange(2, 3));
    }

    @Test
    void filters_look_past_the_first_batch_until_the_limit_is_filled() {
        for (int i = 0; i < 250; i++) {
            index.hits.add(hit(String.format("C%03d", i), 1, 1000 - i, "x"));
        }
        candidates.open.addAll(List.of("C150", "C240", "C010"));
        SearchResults r = service.search(AGENT, new SearchQuery("x", null, null, "me", null, "open", 2));
        assertThat(r.conversations()).extracting(c -> c.summary().conversation().id()).containsExactly("C010", "C150");
        assertThat(candidates.queries).isEqualTo(2);
    }

    @Test
    void dates_are_whole_days_in_the_workspace_zone() {
        service.search(AGENT, new SearchQuery("x", "2026-11-01", "2026-11-30", null, null, null, 20));
        assertThat(index.from).isEqualTo(java.time.Instant.parse("2026-10-31T16:00:00Z").toEpochMilli());
        assertThat(index.to).isEqualTo(java.time.Instant.parse("2026-11-30T16:00:00Z").toEpochMilli());
        service.search(AGENT, q("x"));
        assertThat(index.from).isEqualTo(Long.MIN_VALUE);
        assertThat(index.to).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void visitors_may_not_search_and_bad_input_is_invalid() {
        assertThatThrownBy(() -> service.search(new Caller.Visitor("W", "V1"), q("x")))
                .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
        for (SearchQuery bad : List.of(q(null), q(" "), q("x".repeat(201)),
                new SearchQuery("x", "2026-1-1", null, null, null, null, 20),
                new SearchQuery("x", "2026-11-02", "2026-11-01", null, null, null, 20),
                new SearchQuery("x", null, null, "not me", null, null, 20),
                new SearchQuery("x", null, null, null, null, "closed", 20),
                new SearchQuery("x", null, null, null, null, null, 51))) {
            assertThatThrownBy(() -> service.search(AGENT, bad)).as(bad.toString())
                    .isInstanceOfSatisfying(KefuException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID));
        }
    }
}
