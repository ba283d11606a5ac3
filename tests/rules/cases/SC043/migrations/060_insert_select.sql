-- expect: SC043 at 7, 8, 9, 10, 13
-- INSERT ... SELECT reads the new value for a column of the enum (by the column list, or by
-- the table's column order), or compared with one in its WHERE; so does a later VALUES row;
-- a text column, or a comment, is no use
BEGIN;
ALTER TYPE order_status ADD VALUE 'disputed';
INSERT INTO order_log (id, status) SELECT id, 'disputed' FROM orders;
INSERT INTO order_log SELECT id, 'disputed', note FROM orders;
INSERT INTO order_log (id, status) SELECT id, status FROM orders WHERE status = 'disputed';
INSERT INTO order_log (id, note) SELECT o.id, o.note FROM orders o WHERE o.status IN ('open', 'disputed');
INSERT INTO order_log (id, note) SELECT id, 'disputed' FROM orders;
COMMENT ON TYPE order_status IS 'disputed';
INSERT INTO order_log (id, note, status) VALUES (4, 'disputed', 'open'), (5, 'x', 'disputed');
COMMIT;
