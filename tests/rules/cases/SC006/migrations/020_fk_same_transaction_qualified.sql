-- expect: SC006 at 5
START TRANSACTION;
ALTER TABLE public.messages ADD CONSTRAINT messages_sender_fk
    FOREIGN KEY (sender_id) REFERENCES users (id) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT messages_sender_fk;
COMMIT;
