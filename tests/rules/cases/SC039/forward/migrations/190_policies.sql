-- expect: SC039 at 9, 11, 16, 17, 21, 23, 40, 46, 48, 58
-- a policy is renamed (ALTER POLICY ... RENAME TO), dropped, dropped with its table or with a
-- column it reads (CASCADE; without it the DROP COLUMN is refused), and goes on under the new
-- name of its table; DROP POLICY IF EXISTS skips a missing policy and a missing table
CREATE TABLE pl_t (id integer, a integer);
ALTER TABLE pl_t ENABLE ROW LEVEL SECURITY;
CREATE POLICY pl_p1 ON pl_t USING (true);
ALTER POLICY pl_p1 ON pl_t RENAME TO pl_p2;
DROP POLICY pl_p1 ON pl_t;
DROP POLICY pl_p2 ON pl_t;
DROP POLICY pl_p2 ON pl_t;
DROP POLICY IF EXISTS pl_p2 ON pl_t;
CREATE POLICY pl_a ON pl_t USING (a > 0);
ALTER TABLE pl_t DROP COLUMN a;
ALTER TABLE pl_t DROP COLUMN a CASCADE;
DROP POLICY pl_a ON pl_t;
ALTER TABLE pl_t DROP COLUMN a;
CREATE POLICY pl_r ON pl_t USING (id > 0);
ALTER TABLE pl_t RENAME TO pl_u;
DROP POLICY IF EXISTS pl_r ON pl_t;
DROP POLICY pl_r ON pl_t;
DROP TABLE pl_u;
DROP POLICY pl_r ON pl_u;
DROP POLICY IF EXISTS pl_r ON pl_u;
-- a policy reading another table holds it and the columns it reads there
CREATE TABLE pl_m (org_id integer, x integer);
CREATE TABLE pl_o (id integer);
CREATE POLICY pl_q ON pl_o USING (id IN (SELECT org_id FROM pl_m));
DROP TABLE pl_m;
ALTER TABLE pl_m DROP COLUMN org_id;
ALTER TABLE pl_m DROP COLUMN x;
DROP POLICY pl_q ON pl_o;
ALTER TABLE pl_m DROP COLUMN org_id;
DROP TABLE pl_m;
-- an ALTER POLICY given one expression keeps the other; a renamed column is read renamed
CREATE TABLE pl_w (id integer, a integer, b integer);
CREATE POLICY pl_w1 ON pl_w USING (a > 0) WITH CHECK (b > 0);
ALTER POLICY pl_w1 ON pl_w USING (id > 0);
ALTER TABLE pl_w DROP COLUMN a;
ALTER TABLE pl_w DROP COLUMN a CASCADE;
ALTER TABLE pl_w DROP COLUMN b;
ALTER TABLE pl_w RENAME COLUMN id TO id2;
CREATE POLICY "pl.d" ON pl_w USING (true);
ALTER TABLE pl_w DROP COLUMN id2 CASCADE;
DROP POLICY "pl.d" ON pl_w;
DROP POLICY pl_w1 ON pl_w;
ALTER TABLE pl_w DROP COLUMN b;
DROP POLICY pl_w1 ON pl_w;
DROP TABLE pl_w;
-- a policy made where the files do not say (a DO block) keeps the expression an ALTER POLICY
-- does not give: it may read any column of its table
CREATE TABLE pl_v (id integer, b integer);
DO $$ BEGIN EXECUTE 'CREATE POLICY pl_x ON pl_v USING (true) WITH CHECK (b > 0)'; END $$;
ALTER POLICY pl_x ON pl_v USING (id > 0);
ALTER TABLE pl_v DROP COLUMN b;
DROP POLICY pl_x ON pl_v;
ALTER TABLE pl_v DROP COLUMN b;
ALTER TABLE pl_v DROP COLUMN b;
DROP TABLE pl_v;
