-- Kefu core schema. Valid on SQLite and PostgreSQL: portable types only, times as epoch milliseconds.
-- Every row carries workspace_id (server_secrets aside, which belong to the installation).

CREATE TABLE workspaces (
    id          VARCHAR(26)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL
);

CREATE TABLE server_secrets (
    name        VARCHAR(64)  PRIMARY KEY,
    secret      VARCHAR(200) NOT NULL
);

CREATE TABLE setup_tokens (
    token_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id VARCHAR(26) NOT NULL REFERENCES workspaces (id),
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);

CREATE TABLE agents (
    id            VARCHAR(26)  PRIMARY KEY,
    workspace_id  VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    email         VARCHAR(320) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    active        BOOLEAN      NOT NULL,
    created_at    BIGINT       NOT NULL
);
CREATE UNIQUE INDEX agents_email ON agents (email);
CREATE INDEX agents_workspace ON agents (workspace_id);

CREATE TABLE agent_sessions (
    token_hash   VARCHAR(64) PRIMARY KEY,
    workspace_id VARCHAR(26) NOT NULL,
    agent_id     VARCHAR(26) NOT NULL REFERENCES agents (id),
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL
);

CREATE TABLE visitors (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    name         VARCHAR(100),
    email        VARCHAR(320),
    ip           VARCHAR(64),
    user_agent   VARCHAR(512),
    page_url     VARCHAR(2048),
    referrer     VARCHAR(2048),
    first_seen   BIGINT       NOT NULL,
    last_seen    BIGINT       NOT NULL,
    visits       INTEGER      NOT NULL
);
CREATE INDEX visitors_workspace ON visitors (workspace_id, last_seen);

CREATE TABLE conversations (
    id              VARCHAR(26) PRIMARY KEY,
    workspace_id    VARCHAR(26) NOT NULL REFERENCES workspaces (id),
    visitor_id      VARCHAR(26) NOT NULL REFERENCES visitors (id),
    state           VARCHAR(16) NOT NULL,
    assignee_id     VARCHAR(26),
    last_seq        BIGINT      NOT NULL,
    created_at      BIGINT      NOT NULL,
    updated_at      BIGINT      NOT NULL,
    last_message_at BIGINT      NOT NULL
);
CREATE INDEX conversations_workspace ON conversations (workspace_id, updated_at);
CREATE INDEX conversations_visitor ON conversations (visitor_id, updated_at);

-- Append-only: rows are never updated or deleted by the application.
CREATE TABLE messages (
    id              VARCHAR(26) PRIMARY KEY,
    workspace_id    VARCHAR(26) NOT NULL,
    conversation_id VARCHAR(26) NOT NULL REFERENCES conversations (id),
    seq             BIGINT      NOT NULL,
    sender_kind     VARCHAR(8)  NOT NULL,
    sender_id       VARCHAR(26),
    client_msg_id   VARCHAR(64),
    body            TEXT        NOT NULL,
    event           TEXT,
    attachment      TEXT,
    created_at      BIGINT      NOT NULL
);
CREATE UNIQUE INDEX messages_conversation_seq ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, sender_id, client_msg_id);

CREATE TABLE read_marks (
    workspace_id    VARCHAR(26) NOT NULL,
    conversation_id VARCHAR(26) NOT NULL REFERENCES conversations (id),
    reader_kind     VARCHAR(8)  NOT NULL,
    reader_id       VARCHAR(26) NOT NULL,
    seq             BIGINT      NOT NULL,
    PRIMARY KEY (conversation_id, reader_kind, reader_id)
);
