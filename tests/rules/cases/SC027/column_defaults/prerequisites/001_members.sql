CREATE TABLE IF NOT EXISTS members (
    id bigint PRIMARY KEY,
    role text NOT NULL DEFAULT 'member',
    plan text DEFAULT 'free',
    created timestamptz DEFAULT now(),
    note text,
    score int DEFAULT 0,
    username text NOT NULL,
    email text NOT NULL,
    nick text,
    bio text,
    title text DEFAULT 'none'
);
