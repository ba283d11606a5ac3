CREATE FUNCTION on_shift() RETURNS boolean LANGUAGE sql STABLE AS 'SELECT true';
CREATE TABLE IF NOT EXISTS shifts (id bigint PRIMARY KEY, hours int);
CREATE POLICY shifts_now ON shifts USING (on_shift());
CREATE TABLE IF NOT EXISTS rotas (id bigint PRIMARY KEY);
CREATE POLICY shifts_rota ON shifts USING (id IN (SELECT id FROM rotas) AND hours > 0);
ALTER POLICY shifts_rota ON shifts RENAME TO shifts_on_rota;
