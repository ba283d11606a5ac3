-- expect: SC035 at 2, 3
\set ON_ERROR_STOP on
\i 118_oauth_encrypted_tokens.sql
SELECT 1;
