package dev.kefu.crypto;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.kefu.agent.PasswordHasher;

/**
 * Argon2id through password4j (pure Java), with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane.
 * Hashes are PHC strings, so parameters can be raised later without breaking stored hashes. Thread-safe.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    @Override
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    @Override
    public boolean matches(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException malformed) {
            return false;
        }
    }
}
