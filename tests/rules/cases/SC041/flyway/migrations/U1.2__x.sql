-- expect: none of SC041
-- an undo shares its migration's version
DROP TABLE x;
