-- expect: SC030 at 3
-- a full restore as a rollback
\! pg_restore -h db -d app -c backup_pre_batch3.dump
