CREATE TABLE staging_tmp (id bigint PRIMARY KEY);
ALTER TABLE staging_tmp RENAME TO staging;
