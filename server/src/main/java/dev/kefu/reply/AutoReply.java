package dev.kefu.reply;

import java.util.List;

/** An automatic answer to a waiting visitor whose message holds one of the keywords. */
public record AutoReply(String id, String workspaceId, List<String> keywords, String reply, boolean enabled,
                        long createdAt) {
    public AutoReply {
        keywords = List.copyOf(keywords);
    }
}
