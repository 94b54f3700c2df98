package dev.kefu.report;

import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reports per day, agent or team over a date range in the workspace's time zone: conversations, response,
 * resolution and waiting times, satisfaction, message volume and the bot's share. Admins only. Blocking.
 */
public final class ReportService {
    public static final int MAX_DAYS = 366;

    public enum GroupBy {
        DAY, AGENT, TEAM;

        public static GroupBy parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw KefuException.invalid("groupBy must be day, agent or team");
            }
        }
    }

    private final ReportData data;
    private final Function<String, ZoneId> zoneOf;

    /** @param zoneOf the time zone of a workspace */
    public ReportService(ReportData data, Function<String, ZoneId> zoneOf) {
        this.data = data;
        this.zoneOf = zoneOf;
    }

    /** {@code from} and {@code to} are dates (yyyy-mm-dd), both included. */
    public List<ReportRow> report(Caller.Agent caller, String from, String to, GroupBy groupBy) {
        caller.requireAdmin();
        LocalDate first = date(from, "from");
        LocalDate last = date(to, "to");
        if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)) {
            throw KefuException.invalid("to must be on or after from, at most " + MAX_DAYS + " days later");
        }
        ZoneId zone = zoneOf.apply(caller.workspaceId());
        long start = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        Map<String, Tally> tallies = new TreeMap<>();
        if (groupBy == GroupBy.DAY) {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                tallies.put(d.toString(), new Tally());
            }
        }
        Function<Long, String> day = t -> java.time.Instant.ofEpochMilli(t).atZone(zone).toLocalDate().toString();
        for (ReportData.ConversationFacts c : data.conversations(caller.workspaceId(), start, end)) {
            String key = switch (groupBy) {
                case DAY -> day.apply(c.createdAt());
                case AGENT -> c.assigneeId() == null ? "" : c.assigneeId();
                case TEAM -> c.teamId() == null ? "" : c.teamId();
            };
            tallies.computeIfAbsent(key, k -> new Tally()).add(c);
        }
        for (ReportData.RatingFacts r : data.ratings(caller.workspaceId(), start, end)) {
            String key = switch (groupBy) {
                case DAY -> day.apply(r.createdAt());
                case AGENT -> r.agentId() == null ? "" : r.agentId();
                case TEAM -> r.teamId() == null ? "" : r.teamId();
            };
            Tally t = tallies.computeIfAbsent(key, k -> new Tally());
            t.csatSum += r.score();
            t.csatCount++;
        }
        for (ReportData.MessageCount m : data.messages(caller.workspaceId(), start, end)) {
            String key = switch (groupBy) {
                case DAY -> day.apply(m.hour() * 3_600_000L);
                // Messages count for their writer; the visitor's and the bot's for nobody in particular.
                case AGENT -> "agent".equals(m.senderKind()) ? m.senderId() : "";
                case TEAM -> m.teamId() == null ? "" : m.teamId();
            };
            Tally t = tallies.computeIfAbsent(key, k -> new Tally());
            switch (m.senderKind()) {
                case "visitor" -> t.visitorMessages += m.count();
                case "agent" -> t.agentMessages += m.count();
                case "bot" -> t.botMessages += m.count();
                default -> { }
            }
        }
        List<ReportRow> rows = new ArrayList<>();
        tallies.forEach((key, t) -> rows.add(t.row(key)));
        return rows;
    }

    /** The bot over a date range: how often it answered, why it handed off, how fast the model started. */
    public record BotReport(long conversations, long answered, long handedOff, Double answerRate, Double handoffRate,
                            Map<String, Long> handoffReasons, long kbAnswers, long llmAnswers, long offers,
                            List<long[]> firstTokenHistogram) {
    }

    /** Upper bounds (ms) of the first-token histogram; the last bucket is everything slower. */
    public static final long[] FIRST_TOKEN_BUCKETS = {100, 200, 400, 800, 1600, 3200};

    public BotReport botReport(Caller.Agent caller, String from, String to) {
        caller.requireAdmin();
        LocalDate first = date(from, "from");
        LocalDate last = date(to, "to");
        if (last.isBefore(first) || first.plusDays(MAX_DAYS).isBefore(last)) {
            throw KefuException.invalid("to must be on or after from, at most " + MAX_DAYS + " days later");
        }
        ZoneId zone = zoneOf.apply(caller.workspaceId());
        long start = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        java.util.Set<String> all = new java.util.HashSet<>();
        java.util.Set<String> handed = new java.util.HashSet<>();
        Map<String, Long> reasons = new TreeMap<>();
        long kb = 0;
        long llm = 0;
        long offers = 0;
        long[] buckets = new long[FIRST_TOKEN_BUCKETS.length + 1];
        for (ReportData.BotEvent e : data.botEvents(caller.workspaceId(), start, end)) {
            all.add(e.conversationId());
            switch (e.kind()) {
                case "handoff" -> {
                    handed.add(e.conversationId());
                    reasons.merge(e.reason() == null ? "unknown" : e.reason(), 1L, Long::sum);
                }
                case "offer" -> offers++;
                default -> {
                    if ("llm".equals(e.source())) {
                        llm++;
                        if (e.firstTokenMillis() >= 0) {
                            int i = 0;
                            while (i < FIRST_TOKEN_BUCKETS.length && e.firstTokenMillis() > FIRST_TOKEN_BUCKETS[i]) {
                                i++;
                            }
                            buckets[i]++;
                        }
                    } else {
                        kb++;
                    }
                }
            }
        }
        List<long[]> histogram = new ArrayList<>();
        for (int i = 0; i < buckets.length; i++) {
            histogram.add(new long[] {i < FIRST_TOKEN_BUCKETS.length ? FIRST_TOKEN_BUCKETS[i] : -1, buckets[i]});
        }
        long n = all.size();
        return new BotReport(n, n - handed.size(), handed.size(),
                n == 0 ? null : Math.round((n - handed.size()) * 1000.0 / n) / 1000.0,
                n == 0 ? null : Math.round(handed.size() * 1000.0 / n) / 1000.0, reasons, kb, llm, offers, histogram);
    }

    private static LocalDate date(String s, String field) {
        if (s == null) {
            throw KefuException.invalid(field + " is required (yyyy-mm-dd)");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw KefuException.invalid(field + " must be a date like 2026-11-27");
        }
    }

    private static final class Tally {
        long conversations;
        long resolved;
        long firstResponseSum;
        long firstResponseCount;
        long resolutionSum;
        long resolutionCount;
        long waitSum;
        long waitCount;
        long csatSum;
        long csatCount;
        long visitorMessages;
        long agentMessages;
        long botMessages;
        long botOnly;
        long handoffs;

        void add(ReportData.ConversationFacts c) {
            conversations++;
            if (c.resolvedAt() > 0) {
                resolved++;
                resolutionSum += c.resolvedAt() - c.createdAt();
                resolutionCount++;
            }
            if (c.firstResponseAt() > 0) {
                firstResponseSum += c.firstResponseAt() - c.createdAt();
                firstResponseCount++;
            }
            if (c.assignedAt() > 0 && c.queuedAt() > 0 && c.assignedAt() >= c.queuedAt()) {
                waitSum += c.assignedAt() - c.queuedAt();
                waitCount++;
            }
            if (c.botOnly()) {
                botOnly++;
            }
            if (c.handedOff()) {
                handoffs++;
            }
        }

        ReportRow row(String key) {
            return new ReportRow(key, conversations, resolved, avg(firstResponseSum, firstResponseCount),
                    avg(resolutionSum, resolutionCount), avg(waitSum, waitCount),
                    csatCount == 0 ? null : Math.round(csatSum * 100.0 / csatCount) / 100.0, csatCount,
                    visitorMessages, agentMessages, botMessages, botOnly, handoffs);
        }

        private static Double avg(long sumMillis, long count) {
            return count == 0 ? null : Math.round(sumMillis / (double) count / 100.0) / 10.0;
        }
    }
}
