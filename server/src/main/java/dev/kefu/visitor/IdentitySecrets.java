package dev.kefu.visitor;

import java.util.Optional;

/**
 * Port: each workspace's identity secret, the key its host site signs user ids with. Kept as a server-side
 * secret (the adapter encrypts it at rest) and shown to an admin only when it is created. Blocking.
 */
public interface IdentitySecrets {
    /** The secret and when it was made. */
    record Secret(String value, long createdAt) {
    }

    Optional<Secret> find(String workspaceId);

    /** Stores it, replacing the previous one. */
    void save(String workspaceId, Secret secret);

    void delete(String workspaceId);
}
