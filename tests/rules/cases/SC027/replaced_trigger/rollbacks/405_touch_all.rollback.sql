-- expect: none of SC027, SC028
-- dropped and created again as 404 left it
DROP TRIGGER items_touch ON items;
CREATE TRIGGER items_touch BEFORE INSERT ON items
    FOR EACH ROW EXECUTE FUNCTION items_touch();
