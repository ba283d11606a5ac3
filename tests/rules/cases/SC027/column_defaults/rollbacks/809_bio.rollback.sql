-- expect: none of SC027
ALTER TABLE members ALTER bio DROP NOT NULL, ALTER bio DROP DEFAULT;
