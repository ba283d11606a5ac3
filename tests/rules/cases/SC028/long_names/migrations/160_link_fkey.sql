-- both names are longer than 63 bytes: PostgreSQL keeps their first 63
ALTER TABLE vehicle_submode_on_infrastructure_link
    ADD CONSTRAINT vehicle_submode_on_infrastructure_link_infrastructure_link_id_fkey
    FOREIGN KEY (infrastructure_link_id) REFERENCES infrastructure_link (infrastructure_link_id);
CREATE INDEX IF NOT EXISTS vehicle_submode_on_infrastructure_link_infrastructure_link_id_idx
    ON vehicle_submode_on_infrastructure_link (infrastructure_link_id);
