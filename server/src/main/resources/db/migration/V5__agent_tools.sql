-- Agent tools: private notes, labels, satisfaction ratings, the audit log, business hours.

-- Notes live apart from messages: they never take a seq, so no visitor-facing path can ever carry one.
CREATE TABLE notes (
    id              VARCHAR(26) PRIMARY KEY,
    workspace_id    VARCHAR(26) NOT NULL,
    conversation_id VARCHAR(26) NOT NULL REFERENCES conversations (id),
    author_id       VARCHAR(26) NOT NULL REFERENCES agents (id),
    body            TEXT        NOT NULL,
    created_at      BIGINT      NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at);

CREATE TABLE labels (
    id           VARCHAR(26) PRIMARY KEY,
    workspace_id VARCHAR(26) NOT NULL REFERENCES workspaces (id),
    name         VARCHAR(40) NOT NULL,
    color        VARCHAR(7)  NOT NULL,
    created_at   BIGINT      NOT NULL
);
CREATE UNIQUE INDEX labels_name ON labels (workspace_id, name);

CREATE TABLE conversation_labels (
    conversation_id VARCHAR(26) NOT NULL REFERENCES conversations (id),
    label_id        VARCHAR(26) NOT NULL REFERENCES labels (id),
    workspace_id    VARCHAR(26) NOT NULL,
    PRIMARY KEY (conversation_id, label_id)
);
CREATE INDEX conversation_labels_label ON conversation_labels (label_id);

-- One rating per conversation; rating again replaces it. Agent and team are those at resolution.
CREATE TABLE ratings (
    conversation_id VARCHAR(26)  PRIMARY KEY REFERENCES conversations (id),
    workspace_id    VARCHAR(26)  NOT NULL,
    agent_id        VARCHAR(26),
    team_id         VARCHAR(26),
    score           INTEGER      NOT NULL,
    comment         VARCHAR(1000),
    created_at      BIGINT       NOT NULL
);
CREATE INDEX ratings_workspace ON ratings (workspace_id, created_at);

CREATE TABLE audit_log (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL,
    -- agent, visitor or system
    actor_kind   VARCHAR(8)   NOT NULL,
    actor_id     VARCHAR(26),
    action       VARCHAR(40)  NOT NULL,
    target_kind  VARCHAR(20),
    target_id    VARCHAR(64),
    -- JSON
    detail       TEXT,
    at           BIGINT       NOT NULL
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, at);

-- JSON; null: always open.
ALTER TABLE workspaces ADD COLUMN business_hours TEXT;

-- Personal canned replies: owner_id is the agent's id, '' for the workspace's (so the unique index covers both).
ALTER TABLE canned_replies ADD COLUMN owner_id VARCHAR(26) NOT NULL DEFAULT '';
DROP INDEX canned_replies_shortcut;
CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies (workspace_id, owner_id, shortcut);

-- Keyword auto-replies: answer a waiting visitor automatically when their message has one of the keywords.
CREATE TABLE auto_replies (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    -- JSON array of strings
    keywords     TEXT         NOT NULL,
    reply        TEXT         NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE INDEX auto_replies_workspace ON auto_replies (workspace_id);
