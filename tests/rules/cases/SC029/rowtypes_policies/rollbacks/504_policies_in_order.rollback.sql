-- expect: none of SC029
-- ALTER POLICY replaced the USING expression calling my_team(); a name in a string is no
-- call; DROP POLICY or dropping the table removes what the policies call
DROP FUNCTION my_team();
DROP POLICY IF EXISTS boards_team ON boards;
DROP FUNCTION can_write();
DROP TABLE boards;
DROP FUNCTION can_read();
