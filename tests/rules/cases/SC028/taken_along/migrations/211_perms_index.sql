CREATE INDEX idx_perms_org ON perms (org);
