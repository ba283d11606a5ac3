CREATE TABLE staging_tmp (id bigint PRIMARY KEY);
ALTER TABLE staging_tmp RENAME TO staging;
CREATE TYPE kind_new AS ENUM ('k');
ALTER TYPE kind_new RENAME TO kind;
