CREATE TYPE order_status AS ENUM ('open', 'closed');
CREATE TABLE orders (id int PRIMARY KEY, status order_status, note text, closed_at timestamptz);
INSERT INTO orders VALUES (1, 'closed', 'x', now());
