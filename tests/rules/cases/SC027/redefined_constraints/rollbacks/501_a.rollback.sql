-- expect: none of SC027
-- the earlier definition given back (written otherwise: it compares normalized)
ALTER TABLE accounts DROP CONSTRAINT a_pos,
    ADD CONSTRAINT a_pos CHECK ((A>0));
