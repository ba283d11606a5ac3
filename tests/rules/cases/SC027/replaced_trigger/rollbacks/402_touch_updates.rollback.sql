-- expect: none of SC027, SC028
-- 401's definition, given back
CREATE OR REPLACE TRIGGER items_touch BEFORE INSERT ON items
    FOR EACH ROW EXECUTE FUNCTION items_touch();
