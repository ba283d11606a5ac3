CREATE TABLE IF NOT EXISTS "users" ("username" text PRIMARY KEY);
ALTER TABLE "accounts" ADD FOREIGN KEY ("owner") REFERENCES "users" ("username");
