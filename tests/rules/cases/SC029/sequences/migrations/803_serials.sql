CREATE TABLE serials (id serial PRIMARY KEY, note text);
ALTER TABLE orders ADD COLUMN batch bigserial;
