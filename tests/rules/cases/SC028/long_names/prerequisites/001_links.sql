CREATE TABLE IF NOT EXISTS infrastructure_link (infrastructure_link_id uuid PRIMARY KEY);
CREATE TABLE IF NOT EXISTS vehicle_submode_on_infrastructure_link (
    infrastructure_link_id uuid,
    vehicle_submode text
);
