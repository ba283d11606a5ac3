ALTER TYPE mood RENAME VALUE 'joyful' TO 'ecstatic';
