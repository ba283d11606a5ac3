-- expect: none of SC029
-- a table dropped with the table of the policy reading it, or with the policy first; a
-- policy reading its own table; a WITH query named orgs is not the table; ALTER POLICY
-- replaced the USING expression reading wikis
DROP TABLE orgs, repos;
DROP TABLE wikis;
DROP TABLE gists;
DROP POLICY pages_draft ON pages;
DROP TABLE drafts;
DROP TABLE pages;
