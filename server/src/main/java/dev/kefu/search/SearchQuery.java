package dev.kefu.search;

/**
 * A search as asked, unchecked: {@link SearchService} validates it. Every field but {@code text} may be null.
 *
 * @param text    the words to look for, 1–200 characters
 * @param from    first day (yyyy-mm-dd, workspace time zone) of the messages to search, included
 * @param to      last day, included
 * @param agent   conversations assigned to this agent id, or "me"
 * @param labelId conversations carrying this label
 * @param state   conversations in this state: bot, queued, open or resolved
 * @param limit   at most this many conversations, 1–50
 */
public record SearchQuery(String text, String from, String to, String agent, String labelId, String state,
                          int limit) {
}
