package dev.kefu.visitor;

import java.util.Map;

/**
 * Who the host site says the visitor is. {@code userId} counts only with {@code hash}, the hex HMAC-SHA256 of the
 * user id under the workspace's identity secret, computed by the host site's server; the other fields are taken as
 * they come (from the host site when signed, else as the visitor's own unverified words). Any field may be null.
 */
public record Identity(String userId, String hash, String name, String email, String phone,
                       Map<String, Object> attributes) {
    public Identity {
        attributes = attributes == null ? Map.of() : attributes;
    }

    public boolean claimsUser() {
        return userId != null;
    }
}
