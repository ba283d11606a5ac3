-- expect: SC010 at 2, 3, 4
ALTER TABLE messages ADD COLUMN IF NOT EXISTS public_id uuid DEFAULT gen_random_uuid();
ALTER TABLE messages ADD COLUMN IF NOT EXISTS seq bigserial;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS n bigint GENERATED ALWAYS AS IDENTITY;
