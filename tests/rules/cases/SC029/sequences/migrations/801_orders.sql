CREATE SEQUENCE order_no;
CREATE TABLE orders (id bigint DEFAULT nextval('order_no'), note text);
