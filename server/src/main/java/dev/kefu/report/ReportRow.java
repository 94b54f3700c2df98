package dev.kefu.report;

/**
 * One line of a report: a day, an agent or a team. Averages are in seconds and null when nothing was measured.
 * {@code botOnly}: conversations that ended without a human; {@code handoffs}: those the bot passed to a human.
 */
public record ReportRow(String key, long conversations, long resolved, Double avgFirstResponseSeconds,
                        Double avgResolutionSeconds, Double avgWaitSeconds, Double csatAverage, long csatCount,
                        long visitorMessages, long agentMessages, long botMessages, long botOnly, long handoffs) {
}
