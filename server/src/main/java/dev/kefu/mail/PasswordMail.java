package dev.kefu.mail;

import dev.kefu.agent.AuthService;
import dev.kefu.agent.Passwords;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Forgot password?" by e-mail. The answer never tells whether an account has the address, and never waits for
 * the mail server: the link is made and sent in the background, so a known address takes no longer to answer.
 */
public final class PasswordMail {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordMail.class);

    private final Passwords passwords;
    private final Mailer mailer;
    private final Executor background;
    private final String publicUrl;

    public PasswordMail(Passwords passwords, Mailer mailer, Executor background, String publicUrl) {
        this.passwords = passwords;
        this.mailer = mailer;
        this.background = background;
        this.publicUrl = publicUrl;
    }

    public void sendResetLink(String email) {
        if (!mailer.enabled()) {
            throw new KefuException(ErrorCode.INVALID_STATE,
                    "e-mail is not configured on this server; ask an administrator for a reset link");
        }
        if (!AuthService.isEmailAddress(email)) {
            throw KefuException.invalid("email is not a valid e-mail address");
        }
        background.execute(() -> {
            try {
                passwords.issueResetForMailbox(email).ifPresent(issued -> mailer.send(new Mail(List.of(email.strip()),
                        null, "[Kefu] Choose a new password", "Someone, probably you, asked to reset the password of "
                        + "your Kefu account.\n\nChoose a new one here (the link works once, for 24 hours, and signs "
                        + "you out everywhere else):\n" + issued.url(publicUrl) + "\n\n"
                        + "If you did not ask for it, ignore this e-mail: your password stays as it is.\n")));
            } catch (RuntimeException e) {
                LOG.warn("could not e-mail a password reset link: {}", e.getMessage());
            }
        });
    }
}
