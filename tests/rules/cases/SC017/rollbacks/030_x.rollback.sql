-- expect: none of SC017
DROP SCHEMA IF EXISTS crypto;
