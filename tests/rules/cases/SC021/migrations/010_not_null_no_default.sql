-- expect: SC021 at 2
ALTER TABLE messages ADD COLUMN encryption_version smallint NOT NULL;
