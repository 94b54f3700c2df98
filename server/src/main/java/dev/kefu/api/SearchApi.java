package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.search.SearchCandidates;
import dev.kefu.search.SearchQuery;
import dev.kefu.search.SearchResults;
import dev.kefu.search.SearchService;
import dev.kefu.search.TextRange;
import java.time.Duration;

/** {@code GET /api/v1/search}: conversation history and visitors, for agents (docs/api.md, "Search"). */
public final class SearchApi {
    /** Per agent: a search costs index and database reads, so a script cannot run them back to back. */
    private final RateLimits searches = new RateLimits(30, Duration.ofMillis(100));
    private final SearchService search;
    private final Callers callers;

    public SearchApi(SearchService search, Callers callers) {
        this.search = search;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/search", this::search);
    }

    private Response search(Request r) {
        Caller.Agent caller = callers.requireAgent(r);
        searches.check(caller.id());
        SearchResults found = search.search(caller, new SearchQuery(r.query("q"), optional(r, "from"),
                optional(r, "to"), optional(r, "agent"), optional(r, "label"), optional(r, "state"),
                (int) r.queryLong("limit", 20, 1, SearchService.MAX_LIMIT)));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode conversations = out.putArray("conversations");
        for (SearchResults.ConversationResult c : found.conversations()) {
            ObjectNode n = conversations.addObject();
            ObjectNode conversation = Views.conversation(c.summary());
            ArrayNode labelIds = conversation.putArray("labelIds");
            c.labelIds().forEach(labelIds::add);
            n.set("conversation", conversation);
            n.put("score", Math.round(c.score() * 1000) / 1000.0);
            ArrayNode matches = n.putArray("matches");
            for (SearchResults.Match m : c.matches()) {
                ObjectNode match = matches.addObject().put("messageId", m.messageId()).put("seq", m.seq());
                match.set("sender", Views.sender(m.sender()));
                match.put("createdAt", m.createdAt()).put("snippet", m.snippet().text());
                ArrayNode highlights = match.putArray("highlights");
                for (TextRange h : m.snippet().highlights()) {
                    highlights.addArray().add(h.start()).add(h.end());
                }
            }
        }
        ArrayNode visitors = out.putArray("visitors");
        for (SearchCandidates.VisitorMatch v : found.visitors()) {
            visitors.add(Views.visitor(v.visitor()).put("lastSeenAt", v.visitor().lastSeen())
                    .put("latestConversationId", v.latestConversationId()));
        }
        return Response.ok(out);
    }

    /** A query parameter, null when absent or empty (a form's untouched field). */
    private static String optional(Request r, String name) {
        String v = r.query(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
