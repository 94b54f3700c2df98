-- What the workbench and console need: workspace and widget settings, visitor details,
-- list previews, invitations, canned replies and attachments.

ALTER TABLE workspaces ADD COLUMN timezone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE workspaces ADD COLUMN default_language VARCHAR(8) NOT NULL DEFAULT 'en';
-- JSON; null means the defaults.
ALTER TABLE workspaces ADD COLUMN widget_settings TEXT;


ALTER TABLE visitors ADD COLUMN page_title VARCHAR(512);
ALTER TABLE visitors ADD COLUMN language VARCHAR(35);

-- Preview of the newest non-system message, kept by the writer with last_seq.
ALTER TABLE conversations ADD COLUMN last_text VARCHAR(200);
ALTER TABLE conversations ADD COLUMN last_sender_kind VARCHAR(8);
ALTER TABLE conversations ADD COLUMN last_sender_id VARCHAR(26);

CREATE TABLE invites (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL,
    expires_at   BIGINT       NOT NULL,
    created_at   BIGINT       NOT NULL,
    used_at      BIGINT
);
CREATE UNIQUE INDEX invites_token ON invites (token_hash);
CREATE INDEX invites_workspace ON invites (workspace_id, created_at);

CREATE TABLE canned_replies (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    shortcut     VARCHAR(32)  NOT NULL,
    title        VARCHAR(80)  NOT NULL,
    body         TEXT         NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies (workspace_id, shortcut);

CREATE TABLE attachments (
    id              VARCHAR(26)  PRIMARY KEY,
    workspace_id    VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    conversation_id VARCHAR(26)  NOT NULL REFERENCES conversations (id),
    uploader_kind   VARCHAR(8)   NOT NULL,
    uploader_id     VARCHAR(26)  NOT NULL,
    name            VARCHAR(255) NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    size            BIGINT       NOT NULL,
    width           INTEGER,
    height          INTEGER,
    created_at      BIGINT       NOT NULL
);
CREATE INDEX attachments_conversation ON attachments (conversation_id);
