-- expect: SC029 at 4, 5, 6, 7
-- a function's argument or result of a table's (or a view's) row type, an array of it too,
-- is a dependency of the function on the table
DROP TABLE IF EXISTS acct;
DROP TABLE ledger;
DROP TABLE notes;
DROP VIEW recent;
DROP FUNCTION all_accts();
DROP FUNCTION first_entry();
DROP FUNCTION note_count(notes[]);
DROP FUNCTION recent_rows();
DROP TABLE acct, ledger, notes;
DROP VIEW recent;
