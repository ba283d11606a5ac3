CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    email text NOT NULL,
    nick text,
    team text,
    CONSTRAINT accounts_pkey PRIMARY KEY (id)
);
CREATE TABLE members (org int, person int, role text NOT NULL, PRIMARY KEY (org, person));
