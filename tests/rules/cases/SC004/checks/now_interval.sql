-- expect: SC004 at 2
DELETE FROM key_exchanges WHERE created_at > NOW() - INTERVAL '1 minute';
