-- expect: SC026 at 2, 3, 4, 5, 6
DROP OPERATOR ~~~ (text, text);
DROP OPERATOR CLASS my_ops USING btree;
DROP OPERATOR FAMILY my_fam USING btree;
DROP TRANSFORM FOR int LANGUAGE sql;
DROP CAST (text AS mood);
