-- Batch 3 smoke test, as written in the checklist, Step 6, Test 3: Key Exchange Audit Trail.

-- Insert test key exchange
INSERT INTO key_exchanges (
    conversation_id,
    initiator_id,
    peer_id,
    shared_secret_hash
)
SELECT
    c.id,
    cm1.user_id,
    cm2.user_id,
    E'\\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'::bytea -- 32-byte HMAC-SHA256 hash
FROM conversations c
JOIN conversation_members cm1 ON cm1.conversation_id = c.id
JOIN conversation_members cm2 ON cm2.conversation_id = c.id AND cm2.user_id != cm1.user_id
WHERE c.conversation_type = 'direct'
LIMIT 1;

-- Verify inserted
SELECT
    conversation_id,
    initiator_id,
    peer_id,
    length(shared_secret_hash) as hash_length -- Should be 32 bytes
FROM key_exchanges
ORDER BY created_at DESC
LIMIT 1;

-- Cleanup
DELETE FROM key_exchanges WHERE created_at > NOW() - INTERVAL '1 minute';
