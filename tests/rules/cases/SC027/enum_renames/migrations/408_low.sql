ALTER TYPE mood RENAME VALUE 'blue' TO 'low';
