CREATE TABLE IF NOT EXISTS orgs (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS repos (id bigint PRIMARY KEY, org_id bigint);
CREATE POLICY repos_org ON repos USING (EXISTS (SELECT 1 FROM orgs o WHERE o.id = repos.org_id));
CREATE POLICY repos_self ON repos USING (id IN (SELECT r.id FROM repos r));
CREATE TABLE IF NOT EXISTS gists (id bigint);
CREATE POLICY gists_org ON gists
    USING (id IN (WITH orgs AS (SELECT 1::bigint AS id) SELECT id FROM orgs));
CREATE TABLE IF NOT EXISTS wikis (id bigint);
CREATE TABLE IF NOT EXISTS pages (id bigint);
CREATE POLICY pages_wiki ON pages USING (EXISTS (SELECT 1 FROM wikis));
ALTER POLICY pages_wiki ON pages USING (true);
CREATE TABLE IF NOT EXISTS drafts (id bigint);
CREATE POLICY pages_draft ON pages USING (id NOT IN (SELECT id FROM drafts));
