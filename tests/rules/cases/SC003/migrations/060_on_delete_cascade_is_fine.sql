-- expect: none of SC003
ALTER TABLE messages ADD CONSTRAINT messages_conv_fk FOREIGN KEY (conversation_id)
    REFERENCES conversations (id) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;
ALTER TYPE address ADD ATTRIBUTE note text;
ALTER DOMAIN email_address ADD CONSTRAINT email_len CHECK (length(VALUE) < 300) NOT VALID;
