-- expect: SC000 at 6, 7, 8, 9, 10
-- A migration tool's placeholders (Flyway's `${flyway:defaultSchema}` and `${role}`) make a
-- statement unreadable wherever they stand, a GRANT's role as much as a table's schema; one
-- in a string or a comment does not: ${not_here}
SELECT 'a ${placeholder} in a string is text';
CREATE TABLE ${flyway:defaultSchema}.users (id int PRIMARY KEY);
GRANT SELECT ON users TO ${role};
GRANT SELECT ON ${flyway:defaultSchema}.users TO ${role};
REVOKE ALL ON users FROM ${role};
ALTER TABLE users OWNER TO ${owner};
