CREATE TABLE messages (id int PRIMARY KEY, sender_id int);
