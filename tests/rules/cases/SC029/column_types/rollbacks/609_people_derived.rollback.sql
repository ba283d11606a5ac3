-- expect: SC029 at 5, 6, 7, 7
-- a generated column's expression, a trigger's UPDATE OF columns and its WHEN condition hold
-- the columns they read: PostgreSQL does not rebuild them for a new type (0A000)
ALTER TABLE people ALTER COLUMN full_name TYPE varchar(101);
ALTER TABLE people ALTER COLUMN first TYPE varchar(50);
ALTER TABLE people ALTER COLUMN status TYPE varchar(20);
ALTER TABLE people ALTER COLUMN last TYPE varchar(50);
DROP TRIGGER people_status ON people;
DROP TRIGGER people_last ON people;
ALTER TABLE people DROP COLUMN full_name;
