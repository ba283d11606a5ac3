-- a cleanup that drops an index only a later migration creates: nothing existed before it
DROP INDEX CONCURRENTLY IF EXISTS items_code;
