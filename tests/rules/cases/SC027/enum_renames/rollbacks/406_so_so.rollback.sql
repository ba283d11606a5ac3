-- expect: none of SC027
-- the value the migration adds (and renames) is its own: its row deleted
DELETE FROM pg_enum WHERE enumlabel = 'so-so' AND enumtypid = 'mood'::regtype;
