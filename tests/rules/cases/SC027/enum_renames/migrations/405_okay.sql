ALTER TYPE mood RENAME VALUE 'fine' TO 'okay';
