-- expect: none of SC007
-- nothing to undo: one statement, outside any transaction block
ANALYZE messages;
