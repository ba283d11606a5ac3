-- expect: SC027 at file
-- nothing in the rollback touches the type: it keeps 'owner' after 'down'
UPDATE members SET role = 'staff' WHERE role = 'owner';
