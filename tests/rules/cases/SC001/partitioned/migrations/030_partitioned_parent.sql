-- expect: SC001 at 4, 5, 6
-- a partitioned table cannot be indexed CONCURRENTLY: still reported, with the ON ONLY recipe;
-- a partition that is partitioned itself too
CREATE INDEX IF NOT EXISTS m_id ON m (id);
CREATE INDEX ON public.m (d, id);
CREATE INDEX IF NOT EXISTS m_2024_id ON m_2024 (id);
