package dev.kefu;

import dev.kefu.agent.AuthService;
import dev.kefu.agent.Passwords;
import dev.kefu.common.Clock;
import dev.kefu.common.KefuException;
import dev.kefu.config.Settings;
import dev.kefu.crypto.Argon2PasswordHasher;
import dev.kefu.event.InProcessEventBus;
import dev.kefu.store.Database;
import dev.kefu.store.SqlAgentSessions;
import dev.kefu.store.SqlAgents;
import dev.kefu.store.SqlPasswordResets;
import dev.kefu.store.StoreFailure;
import java.nio.file.Files;

/** A password-reset link made by whoever runs the server, straight in its database: the owner's way back in. */
public final class PasswordResetLink {
    private PasswordResetLink() {
    }

    /** {@code ./kefu --reset-password EMAIL}: prints the link, or why there is none; the exit code. */
    static int print(Settings settings, String email) {
        try {
            String link = issue(settings, email);
            System.out.println("Open this one-time link to choose a new password for " + email
                    + " (valid 24 hours; it signs out every session of that account):");
            System.out.println(link);
            return 0;
        } catch (KefuException | StoreFailure e) {
            System.err.println("kefu: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Issues a password-reset link for an agent straight in the database the settings name, the owner included:
     * the way back in for whoever runs the server. Works while the server runs too.
     */
    public static String issue(Settings settings, String email) {
        if (settings.dbUrl() == null && !Files.exists(settings.data().resolve("kefu.db"))) {
            throw new StoreFailure("no Kefu database in " + settings.data().toAbsolutePath()
                    + " (give the server's --data or --db-url)", null);
        }
        Database db = Kefu.openDatabase(settings, new InProcessEventBus<>());
        try {
            SqlAgents agents = new SqlAgents(db);
            SqlAgentSessions sessions = new SqlAgentSessions(db);
            Argon2PasswordHasher hasher = new Argon2PasswordHasher();
            Clock clock = Clock.SYSTEM;
            AuthService auth = new AuthService(agents, sessions, agents, hasher, clock, (agent, ok) -> { });
            Passwords.Issued issued = new Passwords(agents, sessions, new SqlPasswordResets(db), hasher, auth, clock)
                    .issueResetByOperator(email);
            return issued.url(settings.publicUrl() != null ? settings.publicUrl() : "http://localhost:" + settings.port());
        } finally {
            try {
                db.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
