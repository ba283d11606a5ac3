CREATE TABLE order_log (id int, status order_status, note text);
