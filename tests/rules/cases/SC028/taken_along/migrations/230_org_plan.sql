ALTER TABLE orgs ADD COLUMN plan text;
