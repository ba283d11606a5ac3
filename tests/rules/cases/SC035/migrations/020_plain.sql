-- expect: none of SC035
-- a backslash in a string is not a meta-command
SELECT E'\\x0001'::bytea, '\i not.sql';
