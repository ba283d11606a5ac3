-- Batch 3 smoke test, as written in the checklist, Step 6, Test 4: E2EE Message Insertion (encryption_version = 2).

-- Insert E2EE message
INSERT INTO messages (
    id,
    conversation_id,
    sender_id,
    content_encrypted,
    content_nonce,
    encryption_version,
    content,
    sequence_number
)
SELECT
    uuid_generate_v4(),
    c.id,
    cm.user_id,
    E'\\x0001020304050607'::bytea, -- Fake ChaCha20-Poly1305 ciphertext
    E'\\x08090a0b0c0d0e0f'::bytea, -- Fake nonce
    2, -- E2EE
    '', -- Empty for E2EE messages
    nextval('messages_sequence_number_seq'::regclass)
FROM conversations c
JOIN conversation_members cm ON cm.conversation_id = c.id
LIMIT 1;

-- Verify inserted
SELECT
    encryption_version,
    length(content_encrypted) as ciphertext_length,
    length(content_nonce) as nonce_length,
    content = '' as content_empty
FROM messages
WHERE encryption_version = 2
ORDER BY created_at DESC
LIMIT 1;

-- Cleanup
DELETE FROM messages WHERE encryption_version = 2 AND created_at > NOW() - INTERVAL '1 minute';
