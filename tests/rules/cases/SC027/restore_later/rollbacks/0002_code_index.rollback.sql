-- expect: none of SC027
DROP INDEX CONCURRENTLY IF EXISTS items_code;
