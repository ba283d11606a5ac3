-- expect: SC038 at 3
INSERT INTO key_exchanges (id) VALUES ('7d0c6f3e-0000-4000-8000-000000000001');
SELECT updated_at >= created_at FROM key_exchanges;
