-- what a DO block does cannot be read statically: the rollback may undo what it names
DO $$
BEGIN
    ALTER TABLE posts ADD COLUMN IF NOT EXISTS RootCount bigint;
    ALTER TABLE posts ADD CONSTRAINT posts_title_check CHECK (title <> '');
END $$;
