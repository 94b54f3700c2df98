-- Search needs no index of its own: the history index catches up in message-id order (ids begin with their
-- time), on the primary key, so the hot path's inserts keep the indexes they had.
SELECT 1;
