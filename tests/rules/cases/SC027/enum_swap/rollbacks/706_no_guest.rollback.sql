-- expect: none of SC027
-- the migration's type kept, and the value it lacks added back at the end, where it was
ALTER TYPE team_role ADD VALUE 'guest' AFTER 'viewer';
