ALTER TABLE items ALTER COLUMN sku TYPE text;
CREATE INDEX items_sku_lower ON items (lower(sku));
CREATE INDEX items_sku_set ON items (id) WHERE sku <> '';
ALTER TABLE items ADD CONSTRAINT items_sku_nonempty CHECK (sku <> '');
