ALTER TABLE users ADD COLUMN region text;
CREATE INDEX users_region_idx ON users (region);
CREATE INDEX users_email_idx ON users (email) WHERE email <> 'region';
ALTER TABLE users ADD CONSTRAINT users_email_check CHECK (email <> 'region');
