-- expect: none of SC000
-- operator names are runs of + - * / < > = ~ ! @ # % ^ & | ` ?, which the tokenizer splits
CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int4eq);
CREATE OPERATOR @@@ (LEFTARG = text, RIGHTARG = text, FUNCTION = texteq);
CREATE OPERATOR public.*-* (LEFTARG = text, RIGHTARG = text, FUNCTION = texteq);
DROP OPERATOR IF EXISTS ~~~ (text, text) CASCADE;
DROP OPERATOR IF EXISTS === (int, int), public.*-* (text, text), @@@ (NONE, text);
DROP OPERATOR CLASS IF EXISTS my_ops USING btree CASCADE;
DROP OPERATOR FAMILY IF EXISTS my_fam USING btree CASCADE;
DROP TRANSFORM IF EXISTS FOR int LANGUAGE sql CASCADE;
DROP CAST IF EXISTS (text AS mood) CASCADE;
