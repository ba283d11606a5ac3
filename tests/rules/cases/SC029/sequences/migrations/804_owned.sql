CREATE SEQUENCE owned_no;
CREATE TABLE owned (id bigint DEFAULT nextval('OWNED_NO'));
ALTER SEQUENCE owned_no OWNED BY owned.id;
CREATE SEQUENCE spare_no;
CREATE TABLE spares (id bigint DEFAULT nextval('spare_no'::text));
