-- expect: none of SC027
-- the value's catalog row deleted (a superuser may; no row holds it)
DELETE FROM pg_enum WHERE enumlabel = 'extra' AND enumtypid = 'team_role'::regtype;
