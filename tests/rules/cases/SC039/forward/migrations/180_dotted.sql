-- expect: SC039 at 8
-- a quoted name may hold a dot: "dt.b" is one table of the default schema, not b of dt
CREATE SCHEMA dt;
CREATE TABLE dt.b (id integer);
CREATE TABLE "dt.b" (id integer);
CREATE INDEX "dt.i" ON "dt.b" (id);
DROP TABLE "dt.b";
DROP INDEX "dt.i";
DROP TABLE dt.b;
CREATE TABLE "dq.x" (id integer);
DROP SCHEMA dt CASCADE;
DROP TABLE "dq.x";
