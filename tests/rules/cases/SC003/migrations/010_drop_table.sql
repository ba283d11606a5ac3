CREATE TABLE IF NOT EXISTS oauth_connections (id uuid PRIMARY KEY);
