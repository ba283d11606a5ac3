-- expect: none of SC027
-- the value's catalog row renamed back (a superuser may)
UPDATE pg_enum SET enumlabel = 'joyful'
    WHERE enumlabel = 'ecstatic' AND enumtypid = 'mood'::regtype;
