-- expect: none of SC027
-- once touch_account(text) is gone, the name has one function: the DROP without argument
-- types takes it, as it takes the only touch_all
DROP FUNCTION IF EXISTS touch_account(text);
DROP FUNCTION IF EXISTS touch_account;
DROP FUNCTION touch_all;
