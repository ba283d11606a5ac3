CREATE INDEX ON members ((code_of(code) IS NULL));
CREATE INDEX ON members ((code_of(code)::varchar));
