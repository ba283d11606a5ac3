-- expect: SC000 at 3
SELECT 1;
SELECT 'unterminated;
