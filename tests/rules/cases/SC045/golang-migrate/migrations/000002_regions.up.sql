-- expect: none of SC045, SC035
CREATE TABLE regions (code text PRIMARY KEY);
INSERT INTO regions (code) VALUES ('EU'), ('NA');
