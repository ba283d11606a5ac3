-- expect: none of SC027
-- two renames in the migration, undone by one
ALTER TYPE mood RENAME VALUE 'joyful' TO 'happy';
