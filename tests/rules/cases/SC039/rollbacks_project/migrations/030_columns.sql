CREATE TABLE s (
    id serial,
    u integer,
    w integer,
    CONSTRAINT s_uk UNIQUE (id, u),
    CHECK (w > 0)
);
CREATE INDEX s_u_idx ON s (lower(u::text));
CREATE INDEX s_id_idx ON s (id);
