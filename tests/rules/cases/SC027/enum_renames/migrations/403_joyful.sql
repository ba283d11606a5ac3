ALTER TYPE mood RENAME VALUE 'happy' TO 'glad';
ALTER TYPE mood RENAME VALUE 'glad' TO 'joyful';
