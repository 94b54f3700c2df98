-- Routing: teams, per-agent capacity, the waiting queue and the timestamps its rules and reports need.

CREATE TABLE teams (
    id           VARCHAR(26)  PRIMARY KEY,
    workspace_id VARCHAR(26)  NOT NULL REFERENCES workspaces (id),
    name         VARCHAR(80)  NOT NULL,
    -- null: the workspace's policy
    policy       VARCHAR(16),
    -- whether visitors may pick it in the pre-chat form
    selectable   BOOLEAN      NOT NULL,
    created_at   BIGINT       NOT NULL
);
CREATE UNIQUE INDEX teams_name ON teams (workspace_id, name);

CREATE TABLE team_members (
    team_id      VARCHAR(26) NOT NULL REFERENCES teams (id),
    agent_id     VARCHAR(26) NOT NULL REFERENCES agents (id),
    workspace_id VARCHAR(26) NOT NULL,
    PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members (agent_id);

ALTER TABLE agents ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 5;
-- When routing last gave the agent a conversation: round-robin picks the one waiting longest for their turn.
ALTER TABLE agents ADD COLUMN last_assigned_at BIGINT NOT NULL DEFAULT 0;

-- JSON; null means the defaults.
ALTER TABLE workspaces ADD COLUMN routing_settings TEXT;

ALTER TABLE conversations ADD COLUMN team_id VARCHAR(26);
-- When it entered the queue (kept when it goes back, so a conversation whose agent left is not sent to the end).
ALTER TABLE conversations ADD COLUMN queued_at BIGINT;
ALTER TABLE conversations ADD COLUMN assigned_at BIGINT;
-- Set when routing assigns it; cleared when the assignee writes. Past it, the conversation goes to someone else.
ALTER TABLE conversations ADD COLUMN answer_due_at BIGINT;
ALTER TABLE conversations ADD COLUMN first_response_at BIGINT;
ALTER TABLE conversations ADD COLUMN resolved_at BIGINT;
CREATE INDEX conversations_queue ON conversations (workspace_id, state, queued_at);
CREATE INDEX conversations_assignee ON conversations (assignee_id, state);
CREATE INDEX conversations_answer_due ON conversations (answer_due_at);

UPDATE conversations SET queued_at = created_at WHERE state = 'queued';
