-- expect: SC027 at file
-- 'sad' stays 'blue' after 'down': 'up' again fails ("sad" is not an existing enum label)
SELECT 1;
