-- expect: none of SC032
-- `"Timestamp"` (quoted, another case) is another type; `"timestamptz"` has a time zone
CREATE TABLE IF NOT EXISTS events2 (e "Timestamp", f "timestamptz", g pg_catalog.timestamptz);
