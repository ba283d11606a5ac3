-- expect: none of SC029
-- the view's * was expanded before extra was added: it does not read extra
ALTER TABLE accounts ALTER COLUMN extra TYPE text;
ALTER TABLE accounts DROP COLUMN extra;
DROP VIEW account_all;
