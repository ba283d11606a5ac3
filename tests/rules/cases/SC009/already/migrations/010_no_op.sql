-- expect: none of SC009
-- each column is NOT NULL already: PostgreSQL reads no row
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
ALTER TABLE accounts ALTER COLUMN id SET NOT NULL;
ALTER TABLE members ALTER COLUMN person SET NOT NULL, ALTER COLUMN role SET NOT NULL;
