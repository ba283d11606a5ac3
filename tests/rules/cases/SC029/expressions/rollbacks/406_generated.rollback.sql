-- expect: SC029 at 3, 7
-- a generated column calls the function until the column, its table or its expression goes
DROP FUNCTION IF EXISTS doubled(int);
ALTER TABLE boxes ALTER COLUMN triple_size DROP EXPRESSION;
DROP FUNCTION IF EXISTS tripled(int);
ALTER TABLE boxes DROP COLUMN half_size;
DROP FUNCTION IF EXISTS quadrupled(int);
DROP FUNCTION IF EXISTS halved(int);
ALTER TABLE accounts DROP COLUMN score4;
DROP TABLE IF EXISTS boxes;
DROP FUNCTION IF EXISTS doubled(int);
DROP FUNCTION IF EXISTS quadrupled(int);
