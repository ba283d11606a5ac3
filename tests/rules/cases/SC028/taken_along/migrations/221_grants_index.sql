CREATE INDEX idx_grants_org ON grants (org);
