package dev.kefu.agent;

/** Port: one-way password hashing (Argon2id in production). */
public interface PasswordHasher {
    String hash(String password);

    boolean matches(String password, String hash);
}
