-- expect: none of SC027
DROP ROLE IF EXISTS sc027_writer;
