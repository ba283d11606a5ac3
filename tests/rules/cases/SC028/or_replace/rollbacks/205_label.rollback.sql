-- expect: none of SC027, SC028
DROP FUNCTION account_label(integer);
