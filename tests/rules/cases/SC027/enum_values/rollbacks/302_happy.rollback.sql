-- expect: SC027 at file
-- the rows move off 'happy', the value stays: 'up' again fails (enum label already exists)
UPDATE diary SET mood = 'ok' WHERE mood = 'happy';
