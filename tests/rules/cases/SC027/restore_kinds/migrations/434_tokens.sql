DROP TRIGGER tokens_touch ON tokens;
DROP TABLE tokens;
