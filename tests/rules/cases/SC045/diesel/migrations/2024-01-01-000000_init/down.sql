-- expect: none of SC045, SC035
DROP TABLE colors;
