CREATE TABLE subscriptions (id bigserial PRIMARY KEY, user_id bigint NOT NULL);
CREATE TABLE subscription_logs (id bigint PRIMARY KEY, note text);
CREATE INDEX subscriptions_user_id_index ON subscriptions (user_id);
