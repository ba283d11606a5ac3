-- expect: none of SC000
CREATE TABLE device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL);
SELECT 'terminated', $$dollar; quoted$$, "Quoted Ident" FROM device_keys;
