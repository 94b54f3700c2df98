package dev.kefu.csat;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.JsonText;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationAccess;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.NewMessage;
import dev.kefu.conversation.Sender;
import java.util.Optional;

/** The satisfaction survey a visitor answers once a conversation is resolved. Blocking. */
public final class CsatService {
    public static final int MAX_COMMENT = 1_000;

    private final Ratings ratings;
    private final ConversationAccess access;
    private final Clock clock;

    public CsatService(Ratings ratings, ConversationAccess access, Clock clock) {
        this.ratings = ratings;
        this.access = access;
        this.clock = clock;
    }

    /** Rating again replaces the earlier rating of the same conversation. */
    public Rating rate(Caller.Visitor visitor, String conversationId, long score, String comment) {
        Conversation c = access.visible(visitor, conversationId);
        if (c.state() != ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "only a resolved conversation can be rated");
        }
        if (score < 1 || score > 5) {
            throw KefuException.invalid("score must be 1 to 5");
        }
        String text = comment == null || comment.isBlank() ? null : comment.strip();
        if (text != null && text.length() > MAX_COMMENT) {
            throw KefuException.invalid("comment is longer than " + MAX_COMMENT + " characters");
        }
        long now = clock.millis();
        Rating rating = new Rating(c.id(), c.workspaceId(), c.assigneeId(), c.teamId(), (int) score, text, now);
        String event = "{\"type\":\"rating\",\"score\":" + score
                + (text == null ? "" : ",\"comment\":" + JsonText.quote(text)) + "}";
        ratings.save(rating, new NewMessage(c.workspaceId(), c.id(), c.visitorId(), Sender.SYSTEM,
                "The visitor rated the conversation " + score + "/5", event, null, null, now));
        return rating;
    }

    public Optional<Rating> of(Caller caller, String conversationId) {
        access.visible(caller, conversationId);
        return ratings.of(conversationId);
    }
}
