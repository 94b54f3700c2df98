package dev.kefu.routing;

import java.util.List;

/**
 * A department or skill group. Its conversations go only to its members; {@code policy} null means the
 * workspace's; {@code selectable} teams are offered to visitors in the pre-chat form; {@code botMode} (off,
 * always, outside_hours) null means the workspace's bot mode.
 */
public record Team(String id, String workspaceId, String name, RoutingPolicy policy, boolean selectable,
                   List<String> memberIds, long createdAt, String botMode) {
    public static final java.util.Set<String> BOT_MODES = java.util.Set.of("off", "always", "outside_hours");

    public Team {
        memberIds = List.copyOf(memberIds);
    }
}
