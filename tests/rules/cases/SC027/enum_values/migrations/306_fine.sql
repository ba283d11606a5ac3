ALTER TYPE mood ADD VALUE 'fine';
