-- expect: none of SC039
-- a DO block may make anything it names again; an index made again after its drop is there
DO $$ BEGIN EXECUTE 'CREATE INDEX keep_idx ON keep (id)'; END $$;
DROP INDEX keep_idx;
CREATE INDEX a_email_idx ON a (email);
DROP INDEX a_email_idx;
