-- expect: none of SC014
VACUUM ANALYZE messages;
ANALYZE users;
