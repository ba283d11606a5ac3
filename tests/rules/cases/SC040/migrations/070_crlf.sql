-- expect: SC040 at 7
-- CRLF line endings: goose drops the \r of each line, the first body line still ends in `;`
-- +goose Up
CREATE TABLE ratchets (id bigint PRIMARY KEY, clicks int NOT NULL DEFAULT 0);
CREATE FUNCTION click(k bigint) RETURNS void AS $$
BEGIN
  UPDATE ratchets SET clicks = clicks + 1 WHERE id = k;
END
$$ LANGUAGE plpgsql;
-- +goose StatementBegin
CREATE FUNCTION unclick(k bigint) RETURNS void AS $$
BEGIN
  UPDATE ratchets SET clicks = clicks - 1 WHERE id = k;
END
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION IF EXISTS unclick(bigint);
DROP FUNCTION IF EXISTS click(bigint);
DROP TABLE IF EXISTS ratchets;
