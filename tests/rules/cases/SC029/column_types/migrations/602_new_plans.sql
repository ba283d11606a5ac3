ALTER TABLE plans ALTER COLUMN kind DROP DEFAULT;
ALTER TYPE plan_kind RENAME TO plan_kind_old;
CREATE TYPE plan_kind AS ENUM ('free', 'team', 'pro');
ALTER TABLE plans ALTER COLUMN kind TYPE plan_kind USING kind::text::plan_kind;
ALTER TABLE plans ALTER COLUMN kind SET DEFAULT 'free';
DROP TYPE plan_kind_old;
