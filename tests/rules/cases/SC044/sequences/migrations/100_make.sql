CREATE SEQUENCE order_no;
CREATE SEQUENCE "Invoice_No";
CREATE SEQUENCE ticket_no;
CREATE SEQUENCE legacy_no;
CREATE SEQUENCE spare_no;
CREATE SEQUENCE owned_no;
CREATE SEQUENCE cascade_no;
CREATE TABLE orders (id bigint DEFAULT nextval('order_no'), note text);
CREATE TABLE invoices (id bigint DEFAULT nextval('public."Invoice_No"'::regclass));
CREATE TABLE tickets (id bigint);
ALTER TABLE tickets ALTER COLUMN id SET DEFAULT nextval('public.ticket_no');
CREATE TABLE legacy (id bigint DEFAULT nextval('legacy_no'::text));
CREATE TABLE serials (id serial PRIMARY KEY, note text);
CREATE TABLE owned (id bigint DEFAULT nextval('OWNED_NO'));
ALTER SEQUENCE owned_no OWNED BY owned.id;
CREATE TABLE cascaded (id bigint DEFAULT nextval('cascade_no'));
CREATE FUNCTION next_spare() RETURNS bigint LANGUAGE plpgsql
    AS $$ BEGIN PERFORM setval('spare_no', 1); RETURN currval('spare_no'); END $$;
