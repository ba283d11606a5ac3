-- 019: messages.
--
-- sequence_number orders messages within the whole system (clients page by it); it is drawn
-- from its own sequence so that inserts may also call nextval() explicitly.

BEGIN;

CREATE SEQUENCE messages_sequence_number_seq AS bigint;

CREATE TABLE messages (
    id              uuid        PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    sender_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    content         text        NOT NULL,
    sequence_number bigint      NOT NULL DEFAULT nextval('messages_sequence_number_seq'),
    created_at      timestamptz NOT NULL DEFAULT now(),
    edited_at       timestamptz,
    deleted_at      timestamptz
);

ALTER SEQUENCE messages_sequence_number_seq OWNED BY messages.sequence_number;

CREATE INDEX idx_messages_conversation_sequence ON messages (conversation_id, sequence_number);

INSERT INTO schema_migrations (version) VALUES (19) ON CONFLICT (version) DO NOTHING;

COMMIT;
