-- Batch 3 verification (checklist Step 5): run after migrations 118, 119 and 122.
--
-- Every check returns one boolean column that must be TRUE; the last block tests that the
-- encryption_version constraint rejects an unknown version and prints
-- "SUCCESS: encryption_version constraint working correctly".
-- Read-only apart from that probe insert, which its own exception block undoes.

-- Schema version: the three migrations are recorded, on top of 115 or later.
SELECT count(*) = 3 AS batch3_versions_recorded
FROM schema_migrations
WHERE version IN (118, 119, 122);

SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = 115) AS prerequisite_115_recorded;

-- Migration 118: oauth_connections, its five indexes, trigger and helper.
SELECT EXISTS (
    SELECT 1 FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name = 'oauth_connections'
) AS oauth_connections_exists;

SELECT count(*) = 5 AS oauth_indexes_exist
FROM pg_indexes
WHERE schemaname = 'public'
  AND tablename = 'oauth_connections'
  AND indexname IN (
      'idx_oauth_connections_user_id',
      'idx_oauth_connections_provider',
      'idx_oauth_connections_provider_user_id',
      'idx_oauth_expiring_tokens',
      'idx_oauth_last_refresh'
  );

SELECT EXISTS (
    SELECT 1 FROM pg_trigger
    WHERE tgname = 'trigger_oauth_connections_updated_at'
      AND tgrelid = 'public.oauth_connections'::regclass
      AND NOT tgisinternal
) AS oauth_updated_at_trigger_exists;

SELECT to_regprocedure('public.count_old_oauth_tokens()') IS NOT NULL
    AS count_old_oauth_tokens_exists;

SELECT to_regprocedure('public.update_oauth_connections_updated_at()') IS NOT NULL
    AS update_oauth_connections_updated_at_exists;

-- Migration 119: the encryption_version constraint, its index and the stats helper.
SELECT EXISTS (
    SELECT 1 FROM pg_constraint
    WHERE conname = 'chk_messages_encryption_version_valid'
      AND conrelid = 'public.messages'::regclass
      AND contype = 'c'
      AND convalidated
) AS messages_encryption_version_check_exists;

SELECT EXISTS (
    SELECT 1 FROM pg_indexes
    WHERE schemaname = 'public' AND indexname = 'idx_messages_encryption_version'
) AS messages_encryption_version_index_exists;

SELECT to_regprocedure('public.get_message_encryption_stats()') IS NOT NULL
    AS get_message_encryption_stats_exists;

SELECT NOT EXISTS (
    SELECT 1 FROM messages WHERE encryption_version NOT IN (1, 2)
) AS messages_encryption_versions_valid;

-- Migration 122: device_keys, key_exchanges, their keys, trigger and helpers.
SELECT count(*) = 2 AS device_keys_and_key_exchanges_exist
FROM information_schema.tables
WHERE table_schema = 'public' AND table_name IN ('device_keys', 'key_exchanges');

SELECT count(*) = 4 AS e2ee_foreign_keys_exist
FROM pg_constraint
WHERE contype = 'f'
  AND (conname, conrelid, confrelid) IN (
      ('device_keys_user_fk', 'public.device_keys'::regclass, 'public.users'::regclass),
      ('key_exchanges_conv_fk', 'public.key_exchanges'::regclass,
       'public.conversations'::regclass),
      ('key_exchanges_initiator_fk', 'public.key_exchanges'::regclass, 'public.users'::regclass),
      ('key_exchanges_peer_fk', 'public.key_exchanges'::regclass, 'public.users'::regclass)
  );

SELECT EXISTS (
    SELECT 1 FROM pg_constraint
    WHERE conname = 'device_keys_unique_device'
      AND conrelid = 'public.device_keys'::regclass
      AND contype = 'u'
) AS device_keys_unique_device_exists;

SELECT EXISTS (
    SELECT 1 FROM pg_trigger
    WHERE tgname = 'trigger_device_keys_updated_at'
      AND tgrelid = 'public.device_keys'::regclass
      AND NOT tgisinternal
) AS device_keys_updated_at_trigger_exists;

SELECT to_regprocedure('public.get_device_key_stats()') IS NOT NULL
    AS get_device_key_stats_exists;

SELECT to_regprocedure('public.update_device_keys_updated_at()') IS NOT NULL
    AS update_device_keys_updated_at_exists;

-- The helpers run.
SELECT * FROM count_old_oauth_tokens();
SELECT * FROM get_message_encryption_stats();
SELECT * FROM get_device_key_stats();

-- Constraint enforcement: an unknown encryption_version must be rejected. The CHECK fires
-- before the foreign keys are checked, so the probe needs no real conversation or user.
DO $$
BEGIN
    INSERT INTO messages (conversation_id, sender_id, content, encryption_version)
    VALUES (uuid_generate_v4(), uuid_generate_v4(), 'encryption_version probe', 3);

    RAISE EXCEPTION 'FAILURE: encryption_version 3 was accepted';
EXCEPTION
    WHEN check_violation THEN
        RAISE NOTICE 'SUCCESS: encryption_version constraint working correctly';
END $$;
