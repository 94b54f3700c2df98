package dev.kefu.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals small secrets (a workspace's LLM API key) for storage: AES-256-GCM with a random 96-bit nonce per value,
 * so equal keys seal differently and any change to a sealed value is detected. The AES key is derived with
 * HKDF-SHA256 from a server secret ({@code SqlSecrets.getOrCreate(SecretBox.SERVER_SECRET)}), so one server
 * secret can serve other purposes without sharing keys. Sealed values look like {@code v1:} + base64(nonce |
 * ciphertext | tag); the version lets the scheme change without breaking stored values. Thread-safe.
 *
 * <p>What it protects: the key in backups, exports and dumps of the table that holds it, and from anyone
 * reading that table alone. It does not protect against someone with the whole database, which holds the
 * server secret too.
 */
public final class SecretBox {
    /** The name of the server secret to build the box from. */
    public static final String SERVER_SECRET = "secret-box";
    /** The purpose under which workspaces' LLM API keys are sealed. */
    public static final String LLM_API_KEY = "llm-api-key";
    /** The purpose under which workspaces' identity-verification secrets are sealed. */
    public static final String IDENTITY_SECRET = "identity-secret";

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] HKDF_SALT = "kefu secret box".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    /**
     * @param serverSecret at least 32 random bytes
     * @param purpose      what the sealed values are (e.g. {@code "llm-api-key"}); a value sealed for one
     *                     purpose does not open for another
     */
    public SecretBox(byte[] serverSecret, String purpose) {
        if (serverSecret.length < 32) {
            throw new IllegalArgumentException("the server secret must have at least 32 bytes");
        }
        this.key = new SecretKeySpec(hkdf(HKDF_SALT, serverSecret, purpose.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /** Seals a value for storage. */
    public String seal(String plaintext) {
        return seal(plaintext, "");
    }

    /**
     * Seals a value bound to a context (e.g. its workspace id): it opens only with the same context, so a sealed
     * value copied to another row is useless.
     */
    public String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            aes.updateAAD(aad(context));
            byte[] sealed = aes.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    /**
     * Opens a value sealed by {@link #seal} with the same server secret and purpose.
     *
     * @throws IllegalArgumentException when it is not a sealed value, was changed, or was sealed with another key
     */
    public String open(String sealed) {
        return open(sealed, "");
    }

    /** Opens a value sealed with {@link #seal(String, String)} and the same context. */
    public String open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a sealed value");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a sealed value");
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("sealed value is too short");
        }
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            aes.updateAAD(aad(context));
            byte[] plain = aes.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed value was changed, or sealed with another key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is required of every JDK", e);
        }
    }

    /** The authenticated data: the version, and the context when there is one (so "" keeps v1 values valid). */
    private static byte[] aad(String context) {
        return (context.isEmpty() ? VERSION : VERSION + context).getBytes(StandardCharsets.UTF_8);
    }

    /** HKDF-SHA256 (RFC 5869) for one 32-byte output block: extract with our salt, expand with the purpose. */
    static byte[] hkdf(byte[] salt, byte[] inputKey, byte[] info) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, "HmacSHA256"));
            mac.update(info);
            mac.update((byte) 1);
            byte[] okm = mac.doFinal();
            Arrays.fill(prk, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required of every JDK", e);
        }
    }
}
