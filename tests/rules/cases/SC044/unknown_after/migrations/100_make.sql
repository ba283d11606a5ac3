-- expect: none of SC044
CREATE TABLE items (id bigint PRIMARY KEY, price numeric);
CREATE VIEW item_prices AS SELECT id, price FROM items;
