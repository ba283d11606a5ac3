-- expect: SC044 at 7, 8, 9, 10, 11, 12, 13, 14, 15, 15
-- each statement is refused because something an earlier file made still depends on what it
-- drops or changes: a policy reading the column, a trigger running the function, a foreign
-- key, a column of the type, a default calling the function, a view reading the column, a
-- string default that cannot be cast to integer, a view reading the dropped column, a view
-- and a foreign key on the table
ALTER TABLE accounts DROP COLUMN region;
DROP FUNCTION touch();
DROP TABLE teams;
DROP TYPE mood;
DROP FUNCTION next_code();
ALTER TABLE accounts ALTER COLUMN owner TYPE varchar(100);
ALTER TABLE accounts ALTER COLUMN status TYPE integer USING 0;
ALTER TABLE accounts DROP COLUMN owner;
DROP TABLE accounts;
