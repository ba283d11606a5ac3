-- expect: none of SC027
DROP TABLE scratch2;
