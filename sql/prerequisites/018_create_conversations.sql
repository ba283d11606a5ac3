-- 018: conversations and their members.
--
-- A conversation is either 'direct' (exactly two members) or 'group'.

BEGIN;

CREATE TABLE conversations (
    id                uuid         PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_type varchar(20)  NOT NULL,
    title             varchar(255),
    created_by        uuid         REFERENCES users (id) ON DELETE SET NULL,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT chk_conversations_type_valid CHECK (conversation_type IN ('direct', 'group'))
);

CREATE TABLE conversation_members (
    conversation_id uuid        NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            varchar(20) NOT NULL DEFAULT 'member',
    joined_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, user_id)
);

CREATE INDEX idx_conversation_members_user_id ON conversation_members (user_id);

INSERT INTO schema_migrations (version) VALUES (18) ON CONFLICT (version) DO NOTHING;

COMMIT;
