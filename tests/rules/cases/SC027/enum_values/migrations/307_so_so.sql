ALTER TYPE mood ADD VALUE 'so-so' AFTER 'sad';
