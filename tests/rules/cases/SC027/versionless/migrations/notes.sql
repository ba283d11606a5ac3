-- expect: none of SC027
-- no version in its name or folder: it cannot have a paired rollback, so none is asked for
CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY);
