CREATE ROLE sc027_writer;
