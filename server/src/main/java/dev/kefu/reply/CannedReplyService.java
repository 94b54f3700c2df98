package dev.kefu.reply;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import java.util.List;
import java.util.Locale;

/** Canned replies: every agent reads them, admins manage them. Blocking. */
public final class CannedReplyService {
    private final CannedReplies replies;
    private final Clock clock;
    private final int maxText;

    public CannedReplyService(CannedReplies replies, Clock clock, int maxText) {
        this.replies = replies;
        this.clock = clock;
        this.maxText = maxText;
    }

    /** The workspace's replies and the caller's personal ones. */
    public List<CannedReply> list(Caller.Agent caller) {
        return replies.all(caller.workspaceId(), caller.id());
    }

    /** A personal reply (any agent, for themselves) or one for the whole workspace (admins). */
    public CannedReply create(Caller.Agent caller, String shortcut, String title, String text, boolean personal) {
        if (!personal) {
            caller.requireAdmin();
        }
        return store(new CannedReply(Ids.next(), caller.workspaceId(), shortcut, title, text, clock.millis(),
                personal ? caller.id() : null));
    }

    /** Changes any of shortcut, title and text (null keeps one). */
    public CannedReply update(Caller.Agent caller, String id, String shortcut, String title, String text) {
        CannedReply old = mine(caller, id);
        return store(new CannedReply(old.id(), old.workspaceId(), shortcut != null ? shortcut : old.shortcut(),
                title != null ? title : old.title(), text != null ? text : old.text(), old.createdAt(), old.ownerId()));
    }

    public void delete(Caller.Agent caller, String id) {
        mine(caller, id);
        if (!replies.delete(caller.workspaceId(), id)) {
            throw new KefuException(ErrorCode.NOT_FOUND, "no such canned reply");
        }
    }

    /** A reply the caller may change: their own personal one, or (admins) a workspace one. Others': not found. */
    private CannedReply mine(Caller.Agent caller, String id) {
        CannedReply r = replies.find(caller.workspaceId(), id)
                .filter(c -> c.ownerId() == null || c.ownerId().equals(caller.id()))
                .orElseThrow(() -> new KefuException(ErrorCode.NOT_FOUND, "no such canned reply"));
        if (r.ownerId() == null) {
            caller.requireAdmin();
        }
        return r;
    }

    private CannedReply store(CannedReply r) {
        String shortcut = r.shortcut() == null ? null : r.shortcut().strip().toLowerCase(Locale.ROOT);
        if (shortcut == null || !shortcut.matches("[a-z0-9_-]{1,32}")) {
            throw KefuException.invalid("shortcut must have 1 to 32 characters of a-z, 0-9, _ and -");
        }
        if (r.title() == null || r.title().length() > 80) {
            throw KefuException.invalid("title is required (at most 80 characters)");
        }
        if (r.text() == null || r.text().isBlank() || r.text().length() > maxText) {
            throw KefuException.invalid("text must have 1 to " + maxText + " characters");
        }
        CannedReply clean = new CannedReply(r.id(), r.workspaceId(), shortcut, r.title(), r.text(), r.createdAt(),
                r.ownerId());
        if (!replies.save(clean)) {
            throw new KefuException(ErrorCode.CONFLICT, "the shortcut /" + shortcut + " is taken");
        }
        return clean;
    }
}
