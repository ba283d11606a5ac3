-- expect: SC028 at 7
-- the names PostgreSQL keeps (63 bytes) are the migration's long names
ALTER TABLE vehicle_submode_on_infrastructure_link
    DROP CONSTRAINT IF EXISTS vehicle_submode_on_infrastructure_link_infrastructure_link_id_f;
DROP INDEX IF EXISTS vehicle_submode_on_infrastructure_link_infrastructure_link_id_i;
-- a name that differs within its first 63 bytes is another object
DROP INDEX IF EXISTS vehicle_submode_on_infrastructure_link_vehicle_submode_idx;
