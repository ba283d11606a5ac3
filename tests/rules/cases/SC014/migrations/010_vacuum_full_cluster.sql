-- expect: SC014 at 2, 3, 4
VACUUM FULL messages;
VACUUM (FULL, ANALYZE) users;
CLUSTER messages USING idx_messages_conversation_sequence;
