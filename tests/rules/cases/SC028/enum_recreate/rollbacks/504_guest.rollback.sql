-- expect: SC028 at 3
-- role_enum dropped and not made again: the column goes with it
DROP TYPE role_enum CASCADE;
