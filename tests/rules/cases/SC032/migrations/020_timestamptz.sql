-- expect: none of SC032
CREATE TABLE IF NOT EXISTS key_exchanges (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), d timestamp with time zone);
