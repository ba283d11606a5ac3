-- expect: none of SC027
-- the names PostgreSQL keeps (63 bytes) undo the long names the migration writes
ALTER TABLE vehicle_submode_on_infrastructure_link
    DROP CONSTRAINT IF EXISTS vehicle_submode_on_infrastructure_link_infrastructure_link_id_f;
DROP INDEX IF EXISTS vehicle_submode_on_infrastructure_link_infrastructure_link_id_i;
