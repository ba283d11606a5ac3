ALTER TYPE mood RENAME VALUE 'great' TO 'super';
