-- expect: SC040 at 8, 13, 17, 31
-- goose knows nothing of /* */ comments: a line of one (before, between or inside
-- statements, nested or not) that ends in `;` ends a statement there; a one-line comment, a
-- comment without such a line, a `/*` in a string, a `--` comment and a comment inside
-- StatementBegin/End are fine
-- +goose Up
CREATE TABLE bc_notes (id int, note text);
/* set the default;
   for every row */
ALTER TABLE bc_notes ALTER COLUMN note SET DEFAULT '';
/* one line; */ ALTER TABLE bc_notes ADD COLUMN a int;
ALTER TABLE bc_notes
  /* then the second;
     column */ ADD COLUMN b int;
/* no semicolon here
   nor here */ ALTER TABLE bc_notes ADD COLUMN c int;
/* outer /* inner */ still outer;
   */
ALTER TABLE bc_notes ADD COLUMN d int;
-- a line comment;
SELECT '/* not a comment;' AS s;
ALTER TABLE bc_notes ADD COLUMN e int;
-- +goose StatementBegin
/* wrapped;
   whole */
ALTER TABLE bc_notes ADD COLUMN f int;
-- +goose StatementEnd
SELECT 1;

-- +goose Down
/* drop it;
*/
DROP TABLE bc_notes;
