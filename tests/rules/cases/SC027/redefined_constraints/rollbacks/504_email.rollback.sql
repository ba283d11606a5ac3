-- expect: none of SC027
-- the same definition added again: it was there before, there is nothing to undo
SELECT 1;
