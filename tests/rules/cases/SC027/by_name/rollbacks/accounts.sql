-- expect: none of SC027
DROP TABLE IF EXISTS accounts;
