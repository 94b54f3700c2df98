package dev.kefu.mail;

import java.util.List;

/** A plain-text e-mail. {@code replyTo} may be null. */
public record Mail(List<String> to, String replyTo, String subject, String text) {
    public Mail {
        to = List.copyOf(to);
    }
}
