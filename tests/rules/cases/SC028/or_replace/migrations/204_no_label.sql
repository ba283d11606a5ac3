DROP FUNCTION account_label(integer);
