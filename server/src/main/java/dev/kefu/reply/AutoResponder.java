package dev.kefu.reply;

import dev.kefu.common.JsonText;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationDirectory;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.Sender;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sends keyword auto-replies to visitors waiting in the queue. (While the bot has a conversation, the bot asks
 * {@link #reply} first.) The same rule is not repeated in one conversation within ten minutes. Subscribes to
 * this node's committed messages; works on virtual threads.
 */
public final class AutoResponder implements Consumer<ConversationEvent> {
    private static final long REPEAT_AFTER = 10 * 60_000L;

    private final AutoReplyService rules;
    private final ChatService chat;
    private final ConversationDirectory directory;
    private final Executor work;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Long> sent = new ConcurrentHashMap<>();

    public AutoResponder(AutoReplyService rules, ChatService chat, ConversationDirectory directory, Executor work,
                         LongSupplier clock) {
        this.rules = rules;
        this.chat = chat;
        this.directory = directory;
        this.work = work;
        this.clock = clock;
    }

    @Override
    public void accept(ConversationEvent event) {
        if (event instanceof ConversationEvent.MessageAppended m && m.message().sender().kind() == Sender.Kind.VISITOR
                && m.message().text() != null && !m.message().text().isBlank()) {
            String conversationId = m.message().conversationId();
            String text = m.message().text();
            if (directory.peek(conversationId).filter(c -> c.state() != ConversationState.QUEUED).isPresent()) {
                return; // the common case, a conversation an agent has: decided without a thread hop
            }
            if (rules.surelyNoMatch(m.workspaceId(), text)) {
                return; // and so is a message no rule matches (every message, where there are no rules)
            }
            work.execute(() -> directory.find(conversationId)
                    .filter(c -> c.state() == ConversationState.QUEUED)
                    .ifPresent(c -> reply(c, text)));
        }
    }

    /** Sends the matching auto-reply, if any; true when one was sent. Blocking. */
    public boolean reply(Conversation c, String text) {
        Optional<AutoReply> rule = rules.match(c.workspaceId(), text);
        if (rule.isEmpty()) {
            return false;
        }
        long now = clock.getAsLong();
        String key = c.id() + "/" + rule.get().id();
        Long last = sent.get(key);
        if (last != null && now - last < REPEAT_AFTER) {
            return false;
        }
        if (sent.size() > 100_000) {
            sent.clear();
        }
        sent.put(key, now);
        return chat.autoReply(c, rule.get().reply(), "{\"type\":\"auto_reply\",\"ruleId\":"
                + JsonText.quote(rule.get().id()) + "}").isPresent();
    }
}
