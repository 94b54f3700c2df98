package dev.kefu.mail;

/** Port: sends e-mail. Blocking; call from virtual threads. */
public interface Mailer {
    /** @throws MailFailure when the mail server refuses or cannot be reached */
    void send(Mail mail);

    /** Whether e-mail is configured at all. */
    boolean enabled();

    /** A mailer for installations without SMTP: sends nothing. */
    Mailer NONE = new Mailer() {
        @Override
        public void send(Mail mail) {
            throw new MailFailure("e-mail is not configured on this server (--smtp-url)", null);
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };

    final class MailFailure extends RuntimeException {
        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
