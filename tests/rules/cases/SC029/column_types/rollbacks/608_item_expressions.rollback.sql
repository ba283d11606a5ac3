-- expect: none of SC029
-- an index expression, a partial index's predicate and a CHECK constraint are rebuilt for
-- the column's new type: PostgreSQL does not refuse the change
ALTER TABLE items ALTER COLUMN sku TYPE varchar(40);
DROP INDEX items_sku_lower;
DROP INDEX items_sku_set;
ALTER TABLE items DROP CONSTRAINT items_sku_nonempty;
