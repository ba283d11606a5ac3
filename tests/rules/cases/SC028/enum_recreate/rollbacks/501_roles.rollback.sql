-- expect: none of SC028
DROP TABLE IF EXISTS members;
DROP TYPE IF EXISTS plan;
DROP TYPE IF EXISTS role_enum;
