CREATE TABLE IF NOT EXISTS boards (
    id bigint PRIMARY KEY, team text, title text, label text, "Label" text, kind text
);
CREATE POLICY boards_team ON boards USING (team = current_user AND kind <> CURRENT_ROLE);
CREATE POLICY boards_label ON boards USING (label <> '');
CREATE POLICY boards_title ON boards USING (title <> '');
ALTER POLICY boards_title ON boards USING (true);
