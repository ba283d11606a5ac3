ALTER TABLE memberships ALTER COLUMN r TYPE text;
