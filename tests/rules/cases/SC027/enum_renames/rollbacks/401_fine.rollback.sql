-- expect: none of SC027
ALTER TYPE mood RENAME VALUE 'fine' TO 'ok';
