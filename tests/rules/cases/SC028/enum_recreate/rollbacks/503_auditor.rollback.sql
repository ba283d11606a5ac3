-- expect: SC028 at 5, 7, 10
-- expect: none of SC027
-- role_enum is given back, but the column plan (never touched by 503) is dropped and
-- role_type's default is not the one it had (dropped on 5, set otherwise on 10)
ALTER TABLE members ALTER COLUMN role_type DROP DEFAULT;
ALTER TABLE members ALTER COLUMN role_type TYPE text;
ALTER TABLE members DROP COLUMN plan;
DROP TYPE role_enum;
CREATE TYPE role_enum AS ENUM ('OWNER', 'VIEWER', 'ADMIN');
ALTER TABLE members ALTER COLUMN role_type TYPE role_enum USING role_type::role_enum,
    ALTER COLUMN role_type SET DEFAULT 'OWNER';
