-- The search index catches up from the database in (created_at, id) order after a restart.
CREATE INDEX messages_created ON messages (created_at, id);
