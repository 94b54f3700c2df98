package dev.kefu.visitor;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.KefuException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed visitor identity: each workspace may have an identity secret (made on an admin's request and shown only
 * then); the host site's server signs its user ids with it ({@code hex(HMAC-SHA256(secret, userId))}), so a visitor
 * who knows another customer's user id but not the secret cannot pose as them. Blocking; thread-safe.
 */
public final class IdentityService {
    public static final int MAX_USER_ID = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentitySecrets secrets;
    private final Clock clock;

    public IdentityService(IdentitySecrets secrets, Clock clock) {
        this.secrets = secrets;
        this.clock = clock;
    }

    /** A new secret for the workspace, replacing any earlier one (whose signatures stop working). Admins only. */
    public IdentitySecrets.Secret generate(Caller.Agent admin) {
        admin.requireAdmin();
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        IdentitySecrets.Secret s = new IdentitySecrets.Secret(HexFormat.of().formatHex(raw), clock.millis());
        secrets.save(admin.workspaceId(), s);
        return s;
    }

    /** When the workspace's secret was made, if it has one (the secret itself is never shown again). Admins only. */
    public Optional<Long> createdAt(Caller.Agent admin) {
        admin.requireAdmin();
        return secrets.find(admin.workspaceId()).map(IdentitySecrets.Secret::createdAt);
    }

    /** Turns signed identities off: user ids are refused until a new secret is made. Admins only. */
    public void remove(Caller.Agent admin) {
        admin.requireAdmin();
        secrets.delete(admin.workspaceId());
    }

    /** FORBIDDEN unless {@code hash} is the signature of {@code userId} under the workspace's secret. */
    void verify(String workspaceId, String userId, String hash) {
        if (userId.isBlank() || userId.length() > MAX_USER_ID) {
            throw KefuException.invalid("identity.userId must have 1 to " + MAX_USER_ID + " characters");
        }
        IdentitySecrets.Secret secret = secrets.find(workspaceId).orElseThrow(() -> KefuException.forbidden(
                "identity.userId cannot be verified: this workspace has no identity secret"));
        byte[] given;
        try {
            given = hash == null || hash.length() != 64 ? null : HexFormat.of().parseHex(hash);
        } catch (IllegalArgumentException e) {
            given = null;
        }
        // Compared in constant time, and even a malformed hash costs one HMAC, so timing tells nothing.
        byte[] expected = mac(secret.value(), userId);
        if (!MessageDigest.isEqual(given == null ? new byte[expected.length + 1] : given, expected)) {
            throw KefuException.forbidden("identity.hash does not match identity.userId: the identity could not be "
                    + "verified (sign the user id with the workspace's identity secret on your server)");
        }
    }

    /** What the host site's server computes: hex HMAC-SHA256 of the user id, keyed with the secret's text. */
    public static String sign(String secret, String userId) {
        return HexFormat.of().formatHex(mac(secret, userId));
    }

    private static byte[] mac(String secret, String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
