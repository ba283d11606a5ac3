ALTER TABLE users ADD COLUMN country text;
CREATE INDEX users_country_idx ON users (country);
CREATE INDEX users_lower_country_idx ON users (lower(country) text_pattern_ops);
CREATE INDEX users_admin_country_idx ON users (is_admin) WHERE country <> 'none';
CREATE INDEX users_id_inc_idx ON users (id) INCLUDE ("country");
ALTER TABLE users ADD CONSTRAINT users_country_len CHECK (length(country) = 2);
ALTER TABLE users ADD CONSTRAINT users_email_country_key UNIQUE (email, country);
