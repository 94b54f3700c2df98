package dev.kefu.visitor;

import dev.kefu.common.Caller;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stateless visitor identity: {@code v1.<payload>.<hmac>} where the payload names the workspace, the visitor and
 * an expiry, and the HMAC-SHA256 uses a server secret shared by every node. A visitor cannot forge another's
 * token, and no lookup is needed to check one. Thread-safe.
 */
public final class VisitorTokens {
    public static final String PREFIX = "v1.";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] secret;

    public VisitorTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("secret too short");
        }
        this.secret = secret.clone();
    }

    public String issue(String workspaceId, String visitorId, long expiresAt) {
        String payload = B64.encodeToString((workspaceId + "." + visitorId + "." + expiresAt)
                .getBytes(StandardCharsets.UTF_8));
        return PREFIX + payload + "." + B64.encodeToString(mac(payload));
    }

    /** The visitor a token names, if it is well-formed, correctly signed and not expired. */
    public Optional<Caller.Visitor> verify(String token, long now) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 300) {
            return Optional.empty();
        }
        String rest = token.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = rest.substring(0, dot);
        try {
            byte[] given = B64D.decode(rest.substring(dot + 1));
            if (!MessageDigest.isEqual(given, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\\.");
            if (parts.length != 3 || Long.parseLong(parts[2]) < now) {
                return Optional.empty();
            }
            return Optional.of(new Caller.Visitor(parts[0], parts[1]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
