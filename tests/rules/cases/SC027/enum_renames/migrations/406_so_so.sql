ALTER TYPE mood ADD VALUE 'meh';
ALTER TYPE mood RENAME VALUE 'meh' TO 'so-so';
