-- expect: none of SC018
CREATE TABLE IF NOT EXISTS staging_import (id bigint);
TRUNCATE staging_import;
