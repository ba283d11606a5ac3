-- expect: none of SC019
ALTER TABLE users RENAME COLUMN email_address TO email;
