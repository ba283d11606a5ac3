-- expect: SC029 at 3
-- the table's default still uses the sequence: dropped second, too late
DROP SEQUENCE order_no;
DROP TABLE orders;
