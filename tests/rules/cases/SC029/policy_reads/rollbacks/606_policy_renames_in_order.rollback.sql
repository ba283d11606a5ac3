-- expect: none of SC029
-- each policy is dropped by the name it has then, before what it reads or calls
ALTER POLICY shifts_now ON shifts RENAME TO shifts_current;
DROP POLICY shifts_current ON shifts;
DROP FUNCTION on_shift();
DROP POLICY shifts_on_rota ON shifts;
DROP TABLE rotas;
ALTER TABLE shifts DROP COLUMN hours;
DROP TABLE shifts;
