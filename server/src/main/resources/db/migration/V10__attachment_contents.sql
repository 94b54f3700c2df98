-- Uploaded bytes, for nodes that share PostgreSQL: a file uploaded through one node must be served by every
-- other, with nothing to share but the database. A single node on SQLite keeps its files under --data/uploads
-- and leaves this table empty (a 10 MiB row would hold up the messages committed behind it on its one writer).
-- BYTEA is PostgreSQL's type; to SQLite it is only a name, and the column stores the blob as it is given.
CREATE TABLE attachment_contents (
    id           VARCHAR(26) PRIMARY KEY,
    workspace_id VARCHAR(26) NOT NULL,
    bytes        BYTEA       NOT NULL
);
