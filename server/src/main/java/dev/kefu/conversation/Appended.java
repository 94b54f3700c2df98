package dev.kefu.conversation;

/** The outcome of an append: the stored message, and whether it was already there (a re-sent client id). */
public record Appended(Message message, boolean duplicate) {
}
