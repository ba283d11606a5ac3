-- expect: none of SC036
INSERT INTO users (display_name) VALUES ('René');
