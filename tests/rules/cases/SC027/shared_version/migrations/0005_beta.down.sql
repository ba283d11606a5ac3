-- expect: none of SC027, SC028
DROP TABLE IF EXISTS beta;
