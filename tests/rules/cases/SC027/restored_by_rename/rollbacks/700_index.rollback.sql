-- expect: none of SC027, SC028
-- the earlier index made under another name and renamed into place
CREATE INDEX t_a_idx_old ON t (a);
DROP INDEX t_a_idx;
ALTER INDEX t_a_idx_old RENAME TO t_a_idx;
