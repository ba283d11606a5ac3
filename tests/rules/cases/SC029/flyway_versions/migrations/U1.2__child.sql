-- expect: SC029 at 5
-- the view V1.1 made (V1.1 comes before V1.2: both are version 1 of Flyway) still reads
-- parent
DROP TABLE child;
DROP TABLE parent;
