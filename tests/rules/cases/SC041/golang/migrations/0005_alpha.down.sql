-- expect: none of SC041
DROP TABLE alpha;
