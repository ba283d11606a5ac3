-- expect: SC003 at 2
DROP TABLE IF EXISTS oauth_connections CASCADE;
