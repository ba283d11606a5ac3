-- Seed data for the Batch 3 smoke tests (not a schema migration: records no version).
--
-- The smoke tests pick an active user, a 'direct' conversation with two members, and insert a
-- message into a conversation. This file gives a fresh database exactly that. Fixed ids and
-- ON CONFLICT DO NOTHING make it safe to run more than once.

BEGIN;

INSERT INTO users (id, email, display_name, is_active) VALUES
    ('00000000-0000-4000-8000-000000000001', 'alice@example.com', 'Alice', true),
    ('00000000-0000-4000-8000-000000000002', 'bob@example.com',   'Bob',   true),
    ('00000000-0000-4000-8000-000000000003', 'carol@example.com', 'Carol', false)
ON CONFLICT DO NOTHING;

INSERT INTO conversations (id, conversation_type, created_by) VALUES
    ('00000000-0000-4000-8000-0000000000c1', 'direct', '00000000-0000-4000-8000-000000000001')
ON CONFLICT DO NOTHING;

INSERT INTO conversation_members (conversation_id, user_id) VALUES
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001'),
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000002')
ON CONFLICT DO NOTHING;

INSERT INTO messages (id, conversation_id, sender_id, content) VALUES
    ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000c1',
     '00000000-0000-4000-8000-000000000001', 'Hello, Bob')
ON CONFLICT DO NOTHING;

COMMIT;
