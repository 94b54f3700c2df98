-- Every message moves its conversation's updated_at. An index with updated_at in its key must move the
-- conversation's entry with it: a page of WAL for every message. A visitor has a handful of conversations, so
-- their list needs no order from the index; the workspace's list (thousands of rows) keeps its index.
DROP INDEX conversations_visitor;
CREATE INDEX conversations_visitor ON conversations (visitor_id);
