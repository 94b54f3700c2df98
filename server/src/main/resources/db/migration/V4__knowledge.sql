-- The knowledge base: FAQ articles the built-in bot answers from (its search index is rebuilt from here).
-- questions and tags are JSON arrays of strings.

CREATE TABLE knowledge_articles (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    title        VARCHAR(200) NOT NULL,
    questions    TEXT         NOT NULL,
    answer       TEXT         NOT NULL,
    tags         TEXT         NOT NULL,
    enabled      BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);
CREATE INDEX knowledge_articles_workspace ON knowledge_articles (workspace_id, created_at);
