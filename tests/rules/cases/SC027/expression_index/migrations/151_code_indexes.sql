CREATE INDEX ON members ((code_of(code) || 'x'));
CREATE INDEX ON members (code_of(code) DESC);
