-- expect: SC004 at 2, 3
DELETE FROM messages WHERE created_at > CURRENT_TIMESTAMP - INTERVAL '1 MINUTE';
DELETE FROM messages WHERE created_at >= CURRENT_TIMESTAMP - interval '30 seconds' AND sender_id IS NOT NULL;
