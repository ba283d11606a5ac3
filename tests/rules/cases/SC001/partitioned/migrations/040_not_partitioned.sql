-- expect: SC001 at 4, 5
-- a column named partition_key or "partition" does not make a table partitioned; the plain
-- recipe (CONCURRENTLY) applies
CREATE INDEX IF NOT EXISTS plain_pk ON plain (partition_key);
CREATE INDEX IF NOT EXISTS windowed_p ON windowed ("partition");
