-- expect: none of SC027
-- each IF NOT EXISTS found its object there already: the migration made nothing
SELECT 1;
