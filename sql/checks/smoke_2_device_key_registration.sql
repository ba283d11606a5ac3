-- Batch 3 smoke test, as written in the checklist, Step 6, Test 2: Device Key Registration.

-- Insert test device key
INSERT INTO device_keys (
    user_id,
    device_id,
    public_key,
    private_key_encrypted
)
SELECT
    id,
    'test-device-001',
    'dGVzdC1wdWJsaWMta2V5LWJhc2U2NA==', -- Base64 "test-public-key-base64"
    'dGVzdC1wcml2YXRlLWtleS1lbmNyeXB0ZWQ=' -- Base64 "test-private-key-encrypted"
FROM users
WHERE is_active = TRUE
LIMIT 1;

-- Verify inserted
SELECT
    device_id,
    public_key,
    updated_at > created_at as trigger_works
FROM device_keys
WHERE device_id = 'test-device-001';

-- Test unique constraint (should FAIL)
DO $$
DECLARE
    v_user_id UUID;
BEGIN
    SELECT user_id INTO v_user_id FROM device_keys WHERE device_id = 'test-device-001';

    INSERT INTO device_keys (user_id, device_id, public_key, private_key_encrypted)
    VALUES (v_user_id, 'test-device-001', 'different-key', 'different-enc');

    RAISE EXCEPTION 'ERROR: Unique constraint did not prevent duplicate!';
EXCEPTION
    WHEN unique_violation THEN
        RAISE NOTICE 'SUCCESS: Unique constraint working correctly';
END $$;

-- Cleanup
DELETE FROM device_keys WHERE device_id = 'test-device-001';
