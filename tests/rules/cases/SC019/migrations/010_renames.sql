-- expect: SC019 at 2, 3
ALTER TABLE messages RENAME TO chat_messages;
ALTER TABLE users RENAME COLUMN email TO email_address;
