-- Visitor context: a signed identity from the host site, contact details with where each came from, custom
-- attributes, the location looked up from the IP, page views, blocks, and each workspace's identity secret.

-- The host site's own user id, proven by an HMAC of the workspace's identity secret: one visitor per user.
ALTER TABLE visitors ADD COLUMN user_id VARCHAR(200);
ALTER TABLE visitors ADD COLUMN phone VARCHAR(32);
-- Who set each contact field: 'visitor' (typed by the visitor, unverified), 'signed' (the host site, with the
-- signed identity) or 'agent'.
ALTER TABLE visitors ADD COLUMN name_source VARCHAR(8);
ALTER TABLE visitors ADD COLUMN email_source VARCHAR(8);
ALTER TABLE visitors ADD COLUMN phone_source VARCHAR(8);
-- JSON object of custom attributes (strings, numbers, booleans).
ALTER TABLE visitors ADD COLUMN attributes TEXT;
-- From the IP at the last session start, so lists need no lookup.
ALTER TABLE visitors ADD COLUMN country_code VARCHAR(2);
ALTER TABLE visitors ADD COLUMN region VARCHAR(200);
ALTER TABLE visitors ADD COLUMN city VARCHAR(200);
CREATE UNIQUE INDEX visitors_user ON visitors (workspace_id, user_id);
UPDATE visitors SET name_source = 'visitor' WHERE name IS NOT NULL;
UPDATE visitors SET email_source = 'visitor' WHERE email IS NOT NULL;

-- Pages the widget reported; duration_ms is set when the next page view or the disconnect arrives.
CREATE TABLE page_views (
    id           VARCHAR(26)   PRIMARY KEY,
    workspace_id VARCHAR(26)   NOT NULL,
    visitor_id   VARCHAR(26)   NOT NULL REFERENCES visitors (id),
    url          VARCHAR(2048) NOT NULL,
    title        VARCHAR(512),
    referrer     VARCHAR(2048),
    started_at   BIGINT        NOT NULL,
    duration_ms  BIGINT
);
CREATE INDEX page_views_visitor ON page_views (visitor_id, started_at);

-- Blocked IPs, networks and visitors; expires_at null: never.
CREATE TABLE blocks (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    kind         VARCHAR(8)   NOT NULL,
    target       VARCHAR(64)  NOT NULL,
    reason       VARCHAR(500),
    expires_at   BIGINT,
    created_by   VARCHAR(26),
    created_at   BIGINT       NOT NULL
);
CREATE INDEX blocks_workspace ON blocks (workspace_id, created_at);

-- The key a host site signs user ids with (HMAC-SHA256), encrypted with an installation key; shown once.
CREATE TABLE identity_secrets (
    workspace_id VARCHAR(26)  PRIMARY KEY REFERENCES workspaces (id),
    secret       VARCHAR(200) NOT NULL,
    created_at   BIGINT       NOT NULL
);
