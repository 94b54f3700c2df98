package dev.kefu.reply;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.common.Keywords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keyword auto-replies: admins define them; a waiting visitor (no human yet) whose message holds a keyword gets
 * the reply at once. Rules are cached per workspace for a few seconds: they are read on every such message.
 */
public final class AutoReplyService {
    public static final int MAX_RULES = 100;
    private static final long TTL_MILLIS = 5_000;

    private record Cached(List<AutoReply> rules, long at) {
    }

    private final AutoReplies replies;
    private final Clock clock;
    private final int maxText;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public AutoReplyService(AutoReplies replies, Clock clock, int maxText) {
        this.replies = replies;
        this.clock = clock;
        this.maxText = maxText;
    }

    public List<AutoReply> list(Caller.Agent caller) {
        return replies.all(caller.workspaceId());
    }

    public AutoReply create(Caller.Agent caller, List<String> keywords, String reply, Boolean enabled) {
        caller.requireAdmin();
        if (replies.all(caller.workspaceId()).size() >= MAX_RULES) {
            throw KefuException.invalid("a workspace has at most " + MAX_RULES + " auto-replies");
        }
        return store(new AutoReply(Ids.next(), caller.workspaceId(), keywords == null ? List.of() : keywords, reply,
                enabled == null || enabled, clock.millis()));
    }

    public AutoReply update(Caller.Agent caller, String id, List<String> keywords, String reply, Boolean enabled) {
        caller.requireAdmin();
        AutoReply old = replies.find(caller.workspaceId(), id)
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such auto-reply"));
        return store(new AutoReply(old.id(), old.workspaceId(), keywords != null ? keywords : old.keywords(),
                reply != null ? reply : old.reply(), enabled != null ? enabled : old.enabled(), old.createdAt()));
    }

    public void delete(Caller.Agent caller, String id) {
        caller.requireAdmin();
        if (!replies.delete(caller.workspaceId(), id)) {
            throw new KefuException(ErrorCode.NOT_FOUND, "no such auto-reply");
        }
        cache.remove(caller.workspaceId());
    }

    /**
     * True when the rules in memory are fresh and none matches: the caller need not look further (nor leave
     * its thread). False when one may match or the rules must be read again.
     */
    public boolean surelyNoMatch(String workspaceId, String text) {
        Cached c = cache.get(workspaceId);
        if (c == null || clock.millis() - c.at() > TTL_MILLIS) {
            return false;
        }
        return firstMatch(c.rules(), text).isEmpty();
    }

    /** The first enabled rule whose keyword is in the text. */
    public Optional<AutoReply> match(String workspaceId, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        long now = clock.millis();
        Cached c = cache.get(workspaceId);
        if (c == null || now - c.at() > TTL_MILLIS) {
            c = new Cached(replies.all(workspaceId), now);
            cache.put(workspaceId, c);
        }
        return firstMatch(c.rules(), text);
    }

    private static Optional<AutoReply> firstMatch(List<AutoReply> rules, String text) {
        for (AutoReply r : rules) {
            if (r.enabled() && Keywords.anyIn(text, r.keywords())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private AutoReply store(AutoReply r) {
        List<String> keywords = new ArrayList<>();
        for (String k : r.keywords()) {
            if (k == null || k.isBlank() || k.strip().length() > 40) {
                throw KefuException.invalid("keywords must have 1 to 40 characters each");
            }
            keywords.add(k.strip());
        }
        if (keywords.isEmpty() || keywords.size() > 20) {
            throw KefuException.invalid("give 1 to 20 keywords");
        }
        if (r.reply() == null || r.reply().isBlank() || r.reply().length() > maxText) {
            throw KefuException.invalid("reply must have 1 to " + maxText + " characters");
        }
        AutoReply clean = new AutoReply(r.id(), r.workspaceId(), keywords, r.reply().strip(), r.enabled(), r.createdAt());
        replies.save(clean);
        cache.remove(r.workspaceId());
        return clean;
    }
}
