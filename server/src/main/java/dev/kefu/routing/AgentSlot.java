package dev.kefu.routing;

/** An agent as routing sees them: capacity, open conversations now, and when they last got one. */
public record AgentSlot(String agentId, int maxChats, int open, long lastAssignedAt) {
    public boolean hasRoom() {
        return open < maxChats;
    }

    AgentSlot plusOne(long now) {
        return new AgentSlot(agentId, maxChats, open + 1, now);
    }
}
