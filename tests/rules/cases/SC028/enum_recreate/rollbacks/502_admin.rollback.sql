-- expect: none of SC027, SC028
-- PostgreSQL cannot drop an enum value: role_enum is made again without 'ADMIN', the column
-- moved to text meanwhile, its type and default put back as they were
UPDATE members SET role_type = 'VIEWER' WHERE role_type = 'ADMIN';
ALTER TABLE members ALTER COLUMN role_type DROP DEFAULT;
ALTER TABLE members ALTER COLUMN role_type TYPE TEXT;
DROP TYPE IF EXISTS role_enum;
CREATE TYPE role_enum AS ENUM ('OWNER', 'VIEWER');
ALTER TABLE members ALTER COLUMN role_type TYPE role_enum USING role_type::role_enum,
    ALTER COLUMN role_type SET DEFAULT 'VIEWER';
