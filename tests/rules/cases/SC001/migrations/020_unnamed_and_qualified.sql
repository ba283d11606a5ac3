-- expect: SC001 at 2, 3
CREATE INDEX ON public.messages (sender_id);
CREATE UNIQUE INDEX idx_users_email ON users USING btree (lower(email));
