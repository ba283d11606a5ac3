-- expect: SC036 at 2
INSERT INTO users (display_name) VALUES ('René');
