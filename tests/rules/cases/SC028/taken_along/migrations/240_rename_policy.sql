ALTER POLICY orgs_read ON orgs RENAME TO orgs_select;
