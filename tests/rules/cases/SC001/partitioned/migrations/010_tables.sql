CREATE TABLE IF NOT EXISTS m (id bigint, d date) PARTITION BY RANGE (d);
CREATE TABLE IF NOT EXISTS m_2024 PARTITION OF m
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (id);
CREATE TABLE IF NOT EXISTS plain (id bigint, partition_key int, note text);
CREATE TABLE IF NOT EXISTS windowed (id bigint, "partition" int);
