CREATE INDEX t_a_idx_new ON t (a, b);
DROP INDEX t_a_idx;
ALTER INDEX t_a_idx_new RENAME TO t_a_idx;
