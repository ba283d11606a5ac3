-- expect: SC007 at 3, 4, 5, 6, 7
BEGIN;
VACUUM messages;
CREATE DATABASE scratch;
DISCARD ALL;
CLUSTER;
ALTER SYSTEM SET work_mem = '8MB';
CLUSTER messages USING messages_pkey;
DISCARD PLANS;
ANALYZE messages;
COMMIT;
