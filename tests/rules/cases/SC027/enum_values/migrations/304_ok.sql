-- 'ok' is there since 301: this adds nothing
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok';
