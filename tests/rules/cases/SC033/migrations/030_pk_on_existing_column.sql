-- expect: SC033 at 3
-- the column's type comes from the prerequisite that created it
ALTER TABLE tags ADD CONSTRAINT tags_pkey PRIMARY KEY (id);
ALTER TABLE labels ADD PRIMARY KEY (id);
