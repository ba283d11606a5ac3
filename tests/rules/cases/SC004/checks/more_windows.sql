-- expect: SC004 at 2, 3, 4, 5, 6, 7, 8
DELETE FROM messages WHERE created_at::date = current_date;
DELETE FROM messages WHERE extract(epoch FROM now() - created_at) < 60;
DELETE FROM messages WHERE created_at >= date_trunc('minute', now());
DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE created_at > now() - interval '1 minute');
WITH gone AS (DELETE FROM messages WHERE created_at > now() - interval '1 minute' RETURNING id) SELECT count(*) FROM gone;
DELETE FROM messages WHERE created_at >= now();
DELETE FROM messages WHERE created_at > (SELECT now() - interval '1 min');
