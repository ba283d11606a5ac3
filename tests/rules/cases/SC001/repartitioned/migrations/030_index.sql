-- expect: SC001 at 3
-- the table was made again without PARTITION BY: an ordinary existing table
CREATE INDEX IF NOT EXISTS logs_at ON logs (at);
