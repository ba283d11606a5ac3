-- expect: none of SC027, SC028
ALTER TYPE plan RENAME TO plan_old;
CREATE TYPE plan AS ENUM ('free', 'paid');
ALTER TABLE members ALTER COLUMN plan TYPE plan USING plan::text::plan;
DROP TYPE plan_old;
