-- expect: SC045 at 2
COPY colors (id, name) FROM stdin;
2	red
\.

INSERT INTO colors VALUES (3, $$x;y$$);
