-- expect: none of SC027
-- a partitioned table takes its partitions (and theirs) with it
DROP TABLE m;
