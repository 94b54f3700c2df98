package dev.kefu.workspace;

import dev.kefu.common.KefuException;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * When a workspace answers chats, in its own time zone: per weekday ({@code mon} … {@code sun}) a list of
 * {@code ["09:00","18:00"]} ranges ({@code "24:00"} ends a day). Outside them the widget offers the offline form.
 * Not {@code enabled}: always open.
 */
public record BusinessHours(boolean enabled, Map<String, List<List<String>>> week) {
    public static final BusinessHours ALWAYS = new BusinessHours(false, Map.of());
    private static final Set<String> DAYS = Set.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public BusinessHours {
        week = week == null ? Map.of() : Map.copyOf(week);
    }

    public BusinessHours validate() {
        for (Map.Entry<String, List<List<String>>> day : week.entrySet()) {
            if (!DAYS.contains(day.getKey())) {
                throw KefuException.invalid("week keys must be mon, tue, wed, thu, fri, sat, sun");
            }
            if (day.getValue() == null || day.getValue().size() > 10) {
                throw KefuException.invalid("each day has at most 10 ranges");
            }
            for (List<String> range : day.getValue()) {
                if (range == null || range.size() != 2) {
                    throw KefuException.invalid("a range is [\"HH:MM\",\"HH:MM\"]");
                }
                int from = minutes(range.get(0));
                int to = minutes(range.get(1));
                if (from >= to) {
                    throw KefuException.invalid("a range must end after it starts: " + range);
                }
            }
        }
        return this;
    }

    /** Whether {@code now} (in the workspace's zone) falls in a range. */
    public boolean isOpen(ZonedDateTime now) {
        if (!enabled) {
            return true;
        }
        String day = now.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ROOT)
                .toLowerCase(Locale.ROOT);
        int minute = now.getHour() * 60 + now.getMinute();
        for (List<String> range : week.getOrDefault(day, List.of())) {
            if (minute >= minutes(range.get(0)) && minute < minutes(range.get(1))) {
                return true;
            }
        }
        return false;
    }

    static int minutes(String hhmm) {
        if ("24:00".equals(hhmm)) {
            return 24 * 60;
        }
        try {
            if (hhmm == null || hhmm.length() != 5) {
                throw new DateTimeParseException("", "", 0);
            }
            LocalTime t = LocalTime.parse(hhmm);
            return t.getHour() * 60 + t.getMinute();
        } catch (DateTimeParseException e) {
            throw KefuException.invalid("times must look like 09:00 (or 24:00), not " + hhmm);
        }
    }
}
