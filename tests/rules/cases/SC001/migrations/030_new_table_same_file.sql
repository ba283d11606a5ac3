-- expect: none of SC001
-- The most common false positive of other linters: the table is new and empty.
CREATE TABLE oauth_connections (id uuid PRIMARY KEY, user_id uuid NOT NULL);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
CREATE INDEX ON public.oauth_connections (id, user_id);
