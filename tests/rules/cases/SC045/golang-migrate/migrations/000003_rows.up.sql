-- expect: SC045 at 3
CREATE TABLE currencies (code text PRIMARY KEY);
COPY currencies (code) FROM stdin;
EUR
USD
\.
