-- expect: SC040 at 6
-- a /* */ comment after the last statement of the Up part with a line ending in `;`: goose
-- finds the rest of it unfinished at the Down annotation, and refuses the file
-- +goose Up
CREATE TABLE bc_tail (id int);
/* done;
*/
-- +goose Down
DROP TABLE bc_tail;
