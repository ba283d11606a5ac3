-- expect: SC028 at 6
-- the constraints named inline in ADD COLUMN are the migration's own; route_pkey is not
ALTER TABLE route DROP CONSTRAINT fk_route_stop;
ALTER TABLE route DROP CONSTRAINT "Stop positive";
ALTER TABLE route DROP COLUMN stop_id;
ALTER TABLE route DROP CONSTRAINT route_pkey;
DROP TABLE stop;
