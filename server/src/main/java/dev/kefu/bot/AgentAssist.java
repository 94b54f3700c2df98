package dev.kefu.bot;

import dev.kefu.common.Caller;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationAccess;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.MessageLog;
import dev.kefu.conversation.Sender;
import dev.kefu.knowledge.Hit;
import dev.kefu.knowledge.KnowledgeService;
import dev.kefu.knowledge.Retriever;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Suggested replies for the agent, for the visitor's latest message: the best knowledge-base answers and, when
 * the workspace has a model, a drafted reply grounded in them. Only suggestions: an agent inserts one with a
 * click and sends it themselves. Blocking.
 */
public final class AgentAssist {
    private static final Deadlines DRAFT_DEADLINES = new Deadlines(Duration.ofSeconds(3), Duration.ofSeconds(8));

    /** A suggestion: {@code source} kb (with the article) or llm. */
    public record Suggestion(String source, String articleId, String title, String text, double confidence) {
    }

    private final ConversationAccess access;
    private final MessageLog log;
    private final Retriever retriever;
    private final GuardedModel model;
    private final BotSettingsCache settings;

    public AgentAssist(ConversationAccess access, MessageLog log, Retriever retriever, GuardedModel model,
                       BotSettingsCache settings) {
        this.access = access;
        this.log = log;
        this.retriever = retriever;
        this.model = model;
        this.settings = settings;
    }

    public record Suggestions(String question, List<Suggestion> items) {
    }

    public Suggestions suggest(Caller.Agent agent, String conversationId) {
        Conversation c = access.visible(agent, conversationId);
        Optional<String> question = lastVisitorText(c);
        if (question.isEmpty()) {
            return new Suggestions(null, List.of());
        }
        String q = question.get().length() > KnowledgeService.MAX_QUESTION_LENGTH
                ? question.get().substring(0, KnowledgeService.MAX_QUESTION_LENGTH) : question.get();
        List<Suggestion> out = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        for (Hit h : retriever.retrieve(c.workspaceId(), q, 3).hits()) {
            out.add(new Suggestion("kb", h.articleId(), h.title(), h.answer(), Math.round(h.confidence() * 1000) / 1000.0));
            passages.add(new Passage(h.title(), h.answer()));
        }
        Optional<LlmEndpoint> endpoint = settings.endpoint(c.workspaceId());
        if (endpoint.isPresent() && model.available(endpoint.get())) {
            try {
                List<ChatTurn> turns = GroundedPrompt.DEFAULT.build(endpoint.get().systemPrompt(), passages, List.of(), q);
                String draft = model.complete(endpoint.get(), turns, DRAFT_DEADLINES, token -> { }).text();
                if (draft != null && !draft.isBlank() && !GroundedPrompt.isHandoff(draft)) {
                    out.add(new Suggestion("llm", null, null, draft.strip(), 0));
                }
            } catch (LlmFailure e) {
                // no draft this time; the knowledge-base suggestions stand alone
            }
        }
        return new Suggestions(q, out);
    }

    private Optional<String> lastVisitorText(Conversation c) {
        List<Message> recent = log.before(c.id(), Long.MAX_VALUE, 50);
        for (int i = recent.size() - 1; i >= 0; i--) {
            Message m = recent.get(i);
            if (m.sender().kind() == Sender.Kind.VISITOR && m.text() != null && !m.text().isBlank()) {
                return Optional.of(m.text().strip());
            }
        }
        return Optional.empty();
    }
}
