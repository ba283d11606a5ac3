-- expect: SC027 at 4
-- expect: none of SC028
-- PostgreSQL refuses to drop the index a constraint requires (2BP01)
DROP INDEX t_email_key;
