-- expect: none of SC005
ALTER TABLE messages ADD CONSTRAINT messages_sender_fk
    FOREIGN KEY (sender_id) REFERENCES users (id) NOT VALID;
