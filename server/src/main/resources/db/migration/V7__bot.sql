-- The bot's settings per workspace; the LLM API key sealed (AES-GCM) apart from the rest, never sent back.
CREATE TABLE bot_settings (
    workspace_id   VARCHAR(26)   PRIMARY KEY REFERENCES workspaces (id),
    -- JSON
    settings       TEXT          NOT NULL,
    api_key_sealed VARCHAR(2000)
);

-- null: the workspace's bot mode
ALTER TABLE teams ADD COLUMN bot_mode VARCHAR(16);
