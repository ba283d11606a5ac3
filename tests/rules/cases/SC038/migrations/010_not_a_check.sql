-- expect: none of SC038
-- schema files are not trigger tests
CREATE OR REPLACE VIEW recently_edited AS SELECT * FROM device_keys WHERE updated_at > created_at;
SELECT count(*) FROM device_keys WHERE updated_at > created_at;
