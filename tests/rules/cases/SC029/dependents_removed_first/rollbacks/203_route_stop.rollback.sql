-- expect: none of SC029, SC028
-- foreign keys dropped by the names written inline, before the tables they reference
ALTER TABLE route DROP CONSTRAINT fk_route_stop;
DROP TABLE stop;
ALTER TABLE route DROP COLUMN stop_id;
ALTER TABLE bus DROP CONSTRAINT "Bus depot";
DROP TABLE depot;
DROP TABLE bus;
