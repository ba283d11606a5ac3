-- expect: none of SC027
DROP TABLE accounts;
