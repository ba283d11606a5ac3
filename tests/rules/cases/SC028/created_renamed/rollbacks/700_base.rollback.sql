-- expect: none of SC028
DROP TYPE mood;
DROP TABLE t;
