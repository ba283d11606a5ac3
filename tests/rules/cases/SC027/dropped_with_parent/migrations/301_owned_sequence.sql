CREATE TABLE t (id bigint PRIMARY KEY);
CREATE SEQUENCE t_id_seq OWNED BY t.id;
CREATE TABLE "T2" (id bigint PRIMARY KEY);
CREATE SEQUENCE t2_id_seq;
ALTER SEQUENCE t2_id_seq OWNED BY public."T2".id;
ALTER TABLE existing ADD COLUMN n bigint;
CREATE SEQUENCE existing_n_seq OWNED BY existing.n;
