-- expect: none of SC001
-- ON ONLY builds nothing: the parent's index stays invalid until each partition's is attached
CREATE INDEX IF NOT EXISTS m_d ON ONLY m (d);
CREATE INDEX IF NOT EXISTS m_2024_d_parent ON ONLY public.m_2024 (d);
