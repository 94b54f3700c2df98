-- One-time links an admin hands to an agent who forgot their password; known by the token's hash only.
CREATE TABLE password_resets (
    token_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id VARCHAR(26) NOT NULL,
    agent_id     VARCHAR(26) NOT NULL REFERENCES agents (id),
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);
CREATE INDEX password_resets_agent ON password_resets (agent_id);
