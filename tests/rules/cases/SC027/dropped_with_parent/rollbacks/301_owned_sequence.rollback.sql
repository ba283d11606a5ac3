-- expect: none of SC027
-- an owned sequence goes with its table or column
DROP TABLE t;
DROP TABLE "T2";
ALTER TABLE existing DROP COLUMN n;
