-- expect: SC039 at 5, 6, 7
-- the index, the key and the serial's sequence went with their table
DROP TABLE subscriptions;
DROP TABLE subscription_logs;
DROP INDEX subscriptions_user_id_index;
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_pkey;
DROP SEQUENCE subscriptions_id_seq;
DROP INDEX IF EXISTS subscriptions_user_id_index;
DROP SEQUENCE IF EXISTS subscriptions_id_seq;
