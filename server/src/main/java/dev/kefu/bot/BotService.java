package dev.kefu.bot;

import dev.kefu.common.Ids;
import dev.kefu.common.JsonText;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationDirectory;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.MessageLog;
import dev.kefu.conversation.Sender;
import dev.kefu.event.EventBus;
import dev.kefu.knowledge.Answer;
import dev.kefu.knowledge.Hit;
import dev.kefu.knowledge.KnowledgeService;
import dev.kefu.knowledge.Retriever;
import dev.kefu.knowledge.Suggestion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first line: answers a visitor's messages while a conversation is the bot's, from the knowledge base alone
 * or through a language model grounded in it, and hands the conversation to the human queue the moment it cannot
 * help — a keyword, low confidence, a slow, failing or silent model, or an open circuit breaker. It never speaks
 * once a human has joined: each answer is stored only while the conversation is still in {@code BOT}.
 * Subscribes to committed messages; works on virtual threads, one message at a time per conversation.
 */
public final class BotService implements Consumer<ConversationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(BotService.class);
    private static final int PASSAGES = 3;
    private static final int HISTORY = 12;
    /** The least time a model gets, however late the question reached it. */
    private static final long MIN_BUDGET = 50;

    private final ChatService chat;
    private final ConversationDirectory directory;
    private final MessageLog log;
    private final KnowledgeService knowledge;
    private final Retriever retriever;
    private final LanguageModel model;
    private final GuardedModel guarded;
    private final BotSettingsCache settings;
    private final EventBus<ConversationEvent> bus;
    private final Executor work;
    private final java.util.function.LongSupplier clock;
    private final dev.kefu.reply.AutoResponder autoReplies;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> lanes = new ConcurrentHashMap<>();
    /** Conversations whose last bot turn offered "did you mean" suggestions: a second miss hands off. */
    private final java.util.Set<String> offered = ConcurrentHashMap.newKeySet();

    public BotService(ChatService chat, ConversationDirectory directory, MessageLog log, KnowledgeService knowledge,
                      Retriever retriever, GuardedModel guarded, BotSettingsCache settings,
                      EventBus<ConversationEvent> bus, Executor work, java.util.function.LongSupplier clock,
                      dev.kefu.reply.AutoResponder autoReplies) {
        this.clock = clock;
        this.autoReplies = autoReplies;
        this.chat = chat;
        this.directory = directory;
        this.log = log;
        this.knowledge = knowledge;
        this.retriever = retriever;
        this.model = guarded;
        this.guarded = guarded;
        this.settings = settings;
        this.bus = bus;
        this.work = work;
    }

    /** On the publishing thread (the store's writer): only picks out visitor messages and queues the work. */
    @Override
    public void accept(ConversationEvent event) {
        if (event instanceof ConversationEvent.MessageAppended m
                && m.message().sender().kind() == Sender.Kind.VISITOR) {
            Message message = m.message();
            // Most messages are in conversations a human already has: skip them without a thread hop.
            if (directory.peek(message.conversationId()).filter(c -> c.state() != ConversationState.BOT).isPresent()) {
                return;
            }
            lanes.compute(message.conversationId(), (id, previous) -> {
                CompletableFuture<Void> before = previous == null ? CompletableFuture.completedFuture(null) : previous;
                CompletableFuture<Void> next = before.thenRunAsync(() -> answerSafely(message), work);
                next.whenComplete((ok, e) -> lanes.remove(id, next));
                return next;
            });
        }
    }

    private void answerSafely(Message message) {
        try {
            answer(message);
        } catch (RuntimeException e) {
            LOG.warn("the bot failed on conversation {}; handing it to a human", message.conversationId(), e);
            current(message.conversationId()).ifPresent(c -> chat.handoff(c, "error"));
        }
    }

    private Optional<Conversation> current(String conversationId) {
        return directory.find(conversationId).filter(c -> c.state() == ConversationState.BOT);
    }

    private void answer(Message message) {
        Optional<Conversation> found = current(message.conversationId());
        if (found.isEmpty()) {
            return;
        }
        Conversation c = found.get();
        BotSettings s = settings.of(c.workspaceId());
        String text = message.text() == null ? "" : message.text().strip();
        if (s.asksForHuman(text)) {
            handoff(c, "keyword");
        } else if (autoReplies.reply(c, text)) {
            return; // a keyword rule answered
        } else if (text.isEmpty()) {
            handoff(c, "unsupported"); // a file alone: the bot reads no files
        } else if (s.usesLlm()) {
            answerWithModel(c, s, text, message.createdAt());
        } else {
            answerFromKnowledge(c, s, text);
        }
    }

    private void handoff(Conversation c, String reason) {
        offered.remove(c.id());
        chat.handoff(c, reason);
    }

    private void answerFromKnowledge(Conversation c, BotSettings s, String text) {
        Answer a = knowledge.ask(c.workspaceId(), clip(text), s.threshold());
        if (!a.handoff()) {
            offered.remove(c.id());
            chat.botSays(c, a.answer(), "{\"type\":\"bot_answer\",\"source\":\"kb\",\"articleId\":"
                    + JsonText.quote(a.articleId()) + ",\"confidence\":" + round(a.confidence())
                    + ",\"suggestions\":" + suggestions(a.suggestions()) + "}", null);
        } else if (!a.suggestions().isEmpty() && offered.add(c.id())) {
            chat.botSays(c, "I'm not sure I understood. Did you mean one of these? You can also ask for a human.",
                    "{\"type\":\"bot_offer\",\"confidence\":" + round(a.confidence()) + ",\"suggestions\":"
                            + suggestions(a.suggestions()) + "}", null);
        } else {
            handoff(c, "low_confidence");
        }
    }

    /** The deadlines count from the visitor's message, not from the call: the visitor's wait is what they bound. */
    private void answerWithModel(Conversation c, BotSettings s, String text, long askedAt) {
        Optional<LlmEndpoint> endpoint = settings.endpoint(c.workspaceId());
        if (endpoint.isEmpty() || !guarded.available(endpoint.get())) {
            handoff(c, "breaker_open");
            return;
        }
        List<Passage> passages = new ArrayList<>();
        for (Hit h : retriever.retrieve(c.workspaceId(), clip(text), PASSAGES).hits()) {
            passages.add(new Passage(h.title(), h.answer()));
        }
        List<ChatTurn> turns = GroundedPrompt.DEFAULT.build(endpoint.get().systemPrompt(), passages, history(c),
                text);
        String streamId = "bot-" + Ids.next();
        StringBuilder shown = new StringBuilder();
        StringBuilder held = new StringBuilder();
        Completion done;
        try {
            long spent = Math.max(0, clock.getAsLong() - askedAt);
            Deadlines left = new Deadlines(Duration.ofMillis(Math.max(MIN_BUDGET, s.firstTokenMillis() - spent)),
                    Duration.ofMillis(Math.max(MIN_BUDGET, s.totalMillis() - spent)));
            done = model.complete(endpoint.get(), turns, left, token -> {
                if (current(c.id()).isEmpty()) {
                    throw new HumanJoined();
                }
                held.append(token);
                // Hold back what may be the start of the hand-off marker; show the rest as it comes.
                if (!GroundedPrompt.mightBeHandoff(held.toString())) {
                    shown.append(held);
                    bus.publish(new ConversationEvent.BotDelta(c.workspaceId(), c.id(), c.visitorId(), streamId,
                            held.toString()));
                    held.setLength(0);
                }
            });
        } catch (HumanJoined e) {
            bus.publish(new ConversationEvent.BotDelta(c.workspaceId(), c.id(), c.visitorId(), streamId, null));
            return;
        } catch (LlmFailure f) {
            if (!shown.isEmpty()) {
                bus.publish(new ConversationEvent.BotDelta(c.workspaceId(), c.id(), c.visitorId(), streamId, null));
            }
            handoff(c, reasonOf(f));
            return;
        }
        String answer = done.text() == null ? "" : done.text().strip();
        if (GroundedPrompt.isHandoff(answer) || answer.isEmpty()) {
            if (!shown.isEmpty()) {
                bus.publish(new ConversationEvent.BotDelta(c.workspaceId(), c.id(), c.visitorId(), streamId, null));
            }
            handoff(c, answer.isEmpty() ? "empty" : "low_confidence");
            return;
        }
        Optional<?> posted = chat.botSays(c, answer, "{\"type\":\"bot_answer\",\"source\":\"llm\",\"firstTokenMs\":"
                + done.firstTokenMillis() + ",\"totalMs\":" + done.totalMillis() + "}", streamId);
        if (posted.isEmpty()) {
            bus.publish(new ConversationEvent.BotDelta(c.workspaceId(), c.id(), c.visitorId(), streamId, null));
        }
    }

    /** The conversation so far as chat turns: the visitor's and the bot's messages, oldest first, without the last. */
    private List<ChatTurn> history(Conversation c) {
        List<Message> recent = log.before(c.id(), Long.MAX_VALUE, HISTORY + 1);
        List<ChatTurn> turns = new ArrayList<>();
        for (int i = 0; i < recent.size() - 1; i++) {
            Message m = recent.get(i);
            if (m.text() == null || m.text().isBlank()) {
                continue;
            }
            switch (m.sender().kind()) {
                case VISITOR -> turns.add(ChatTurn.user(m.text()));
                case BOT -> turns.add(ChatTurn.assistant(m.text()));
                default -> { }
            }
        }
        return turns;
    }

    static String reasonOf(LlmFailure f) {
        return switch (f.reason()) {
            case FIRST_TOKEN_TIMEOUT, TOTAL_TIMEOUT -> "timeout";
            case EMPTY -> "empty";
            case BREAKER_OPEN -> "breaker_open";
            case HTTP_ERROR, RATE_LIMITED, MALFORMED, CONNECT -> "error";
        };
    }

    private static String suggestions(List<Suggestion> list) {
        StringBuilder b = new StringBuilder("[");
        for (Suggestion s : list) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append("{\"articleId\":").append(JsonText.quote(s.articleId())).append(",\"title\":")
                    .append(JsonText.quote(s.title())).append('}');
        }
        return b.append(']').toString();
    }

    private static String clip(String text) {
        return text.length() > KnowledgeService.MAX_QUESTION_LENGTH
                ? text.substring(0, KnowledgeService.MAX_QUESTION_LENGTH) : text;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** Thrown from the token callback to stop the model once a human has the conversation. */
    private static final class HumanJoined extends RuntimeException {
        HumanJoined() {
            super(null, null, false, false);
        }
    }
}
