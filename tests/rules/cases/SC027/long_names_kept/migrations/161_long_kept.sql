-- a name of multi-byte characters is cut on a character boundary: 31 'é' (62 bytes) + 'x'
CREATE INDEX IF NOT EXISTS "éééééééééééééééééééééééééééééééxyz"
    ON vehicle_submode_on_infrastructure_link (vehicle_submode);
CREATE INDEX IF NOT EXISTS "ééééééééééééééééééééééééééééééééz"
    ON vehicle_submode_on_infrastructure_link (infrastructure_link_id);
