CREATE TYPE mood AS ENUM ('a', 'b');
ALTER TABLE existing ADD COLUMN m mood;
CREATE TYPE shade AS ENUM ('light', 'dark');
ALTER TABLE existing ADD COLUMN s shade[];
