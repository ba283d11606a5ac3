-- expect: SC028 at 6
-- rootcount and posts_title_check are named by the migration's DO block; legacy is not
ALTER TABLE posts DROP COLUMN IF EXISTS rootcount;
ALTER TABLE posts DROP CONSTRAINT IF EXISTS posts_title_check;
-- legacy (a word of no DO block) is another migration's column
ALTER TABLE posts DROP COLUMN IF EXISTS legacy;
