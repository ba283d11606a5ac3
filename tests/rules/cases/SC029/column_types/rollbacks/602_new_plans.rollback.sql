-- expect: none of SC029
-- the default dropped first (or in the same ALTER TABLE: PostgreSQL drops it before it
-- changes the type), set again after; to text and back a string default is cast
ALTER TABLE plans ALTER COLUMN kind DROP DEFAULT;
ALTER TYPE plan_kind RENAME TO plan_kind_old;
CREATE TYPE plan_kind AS ENUM ('free', 'pro');
ALTER TABLE plans ALTER COLUMN kind TYPE plan_kind USING (CASE WHEN kind::text = 'team' THEN 'pro' ELSE kind::text END)::plan_kind;
ALTER TABLE plans ALTER COLUMN kind SET DEFAULT 'free';
DROP TYPE plan_kind_old;
ALTER TABLE plans ALTER COLUMN kind TYPE text;
ALTER TABLE plans ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE plans ALTER COLUMN kind TYPE plan_kind USING kind::plan_kind;
ALTER TABLE plans ALTER COLUMN kind SET DEFAULT 'free';
ALTER TABLE plans ALTER COLUMN kind TYPE text;
ALTER TABLE plans ALTER COLUMN kind TYPE plan_kind USING kind::plan_kind,
    ALTER COLUMN kind DROP DEFAULT, ALTER COLUMN kind SET DEFAULT 'free';
