-- expect: SC039 at 6, 7, 8, 10, 11
-- an index or constraint goes with a column it uses; a renamed column is gone under its old
-- name; what is still there drops fine
ALTER TABLE s DROP COLUMN u;
ALTER TABLE s RENAME COLUMN w TO v;
ALTER TABLE s DROP CONSTRAINT s_uk;
DROP INDEX s_uk;
DROP INDEX s_u_idx;
ALTER TABLE s DROP CONSTRAINT s_w_check;
ALTER TABLE s DROP COLUMN w;
ALTER TABLE s DROP COLUMN u, DROP COLUMN v;
ALTER TABLE s DROP COLUMN IF EXISTS u;
ALTER TABLE s DROP COLUMN v;
DROP INDEX s_id_idx;
DROP TABLE s;
