-- expect: none of SC029
-- the triggers dropped and the generated column made plain (DROP EXPRESSION) first
DROP TRIGGER staff_status ON staff;
DROP TRIGGER staff_last ON staff;
ALTER TABLE staff ALTER COLUMN full_name DROP EXPRESSION;
ALTER TABLE staff ALTER COLUMN first TYPE varchar(50);
ALTER TABLE staff ALTER COLUMN status TYPE varchar(20);
ALTER TABLE staff ALTER COLUMN last TYPE varchar(50);
ALTER TABLE staff DROP COLUMN full_name;
