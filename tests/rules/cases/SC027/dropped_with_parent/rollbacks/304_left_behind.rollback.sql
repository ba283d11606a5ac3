-- expect: SC027 at file
-- k_seq is owned by nothing: dropping k leaves it (dropping a partition keeps its parent)
DROP TABLE p_2024;
DROP TABLE p;
DROP TABLE k;
