-- expect: none of SC027, SC028
-- the value's catalog row deleted (a superuser may; no column holds it)
DELETE FROM pg_enum WHERE enumlabel = 'so-so' AND enumtypid = 'mood'::regtype;
