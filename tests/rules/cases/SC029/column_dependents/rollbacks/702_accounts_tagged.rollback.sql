-- expect: SC029 at 3, 4
-- the view's * was expanded after tag was added: it reads tag
ALTER TABLE accounts ALTER COLUMN tag TYPE text;
ALTER TABLE accounts DROP COLUMN tag;
DROP VIEW account_tagged;
