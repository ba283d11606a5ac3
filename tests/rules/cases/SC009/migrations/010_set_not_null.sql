-- expect: SC009 at 2
ALTER TABLE messages ALTER COLUMN encryption_version SET NOT NULL;
