-- expect: SC005 at 2
ALTER TABLE messages ADD CONSTRAINT messages_sender_fk
    FOREIGN KEY (sender_id) REFERENCES users (id);
