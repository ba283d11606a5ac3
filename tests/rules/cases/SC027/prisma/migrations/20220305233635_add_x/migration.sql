-- expect: SC027 at file
-- Prisma's layout: the folder gives the version; other migrations here have a rollback
CREATE TABLE IF NOT EXISTS x (id bigint PRIMARY KEY);
