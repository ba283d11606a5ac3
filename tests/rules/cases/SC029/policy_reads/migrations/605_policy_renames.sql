CREATE FUNCTION in_office() RETURNS boolean LANGUAGE sql STABLE AS 'SELECT true';
CREATE TABLE IF NOT EXISTS desks (id bigint PRIMARY KEY, floor int);
CREATE POLICY desks_office ON desks USING (in_office() AND floor > 0);
ALTER POLICY desks_office ON desks RENAME TO desks_in_office;
CREATE POLICY desks_floor ON desks USING (floor < 10);
