CREATE TYPE shade AS ENUM ('light', 'dark');
CREATE TABLE prefs (
    id int PRIMARY KEY,
    n int DEFAULT 0,
    big bigint DEFAULT -1,
    ratio numeric DEFAULT 1.5,
    flag boolean DEFAULT true,
    paren int DEFAULT (0),
    cast_big int DEFAULT 0::bigint,
    label text DEFAULT 0,
    code int DEFAULT '5',
    huge numeric DEFAULT 3000000000,
    yes text DEFAULT 't'::boolean,
    plain int DEFAULT 0,
    dropped int DEFAULT 0
);
