-- expect: none of SC029
-- the default dropped before the sequence; `nextval('spare_no'::text)` looks the sequence up
-- at each call and holds nothing
ALTER TABLE owned ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE owned_no;
DROP SEQUENCE spare_no;
DROP TABLE spares;
DROP TABLE owned;
