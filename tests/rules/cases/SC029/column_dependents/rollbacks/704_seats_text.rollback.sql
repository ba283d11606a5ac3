-- expect: SC029 at 3
-- the default was set again after the change (SET DEFAULT runs after TYPE): a text constant
ALTER TABLE seats ALTER COLUMN r TYPE member_role USING r::member_role;
