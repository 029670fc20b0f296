-- Key lookups and index builds in the database's collation against the C collation (migration 065),
-- on 20 million SR41-like keys (14 digits of application, 7 of SR41), in a scratch database:
--   createdb keybench && psql -d keybench -f bench/sql/keyCollation.sql && dropdb keybench
-- Each lookup pass runs twice per collation, alternating, so that both find the same pages cached.
\timing on
SET work_mem = '256MB';
CREATE UNLOGGED TABLE key_default AS
  SELECT lpad((random() * 1e14)::bigint::text, 14, '0') || lpad((g % 10)::text, 7, '0') AS id, g AS n
    FROM generate_series(1, 20000000) g;
CREATE UNLOGGED TABLE key_c AS SELECT id COLLATE "C" AS id, n FROM key_default;
\echo index build, database collation then C
CREATE INDEX ON key_default (id);
CREATE INDEX ON key_c (id);
VACUUM ANALYZE key_default;
VACUUM ANALYZE key_c;
-- About 400,000 stored keys, in order (as the loader and the rollups look them up).
CREATE TEMP TABLE probe AS SELECT id FROM key_default TABLESAMPLE SYSTEM (2) ORDER BY id COLLATE "C";
SET enable_seqscan = off;
SET enable_bitmapscan = off;
\echo lookups of stored keys: database collation, C, database collation, C
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_default x WHERE x.id = p.id OFFSET 0) l;
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_c x WHERE x.id = p.id OFFSET 0) l;
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_default x WHERE x.id = p.id OFFSET 0) l;
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_c x WHERE x.id = p.id OFFSET 0) l;
\echo lookups of keys not stored, as of a night of new SR41: database collation, C
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_default x WHERE x.id = p.id || '1' OFFSET 0) l;
SELECT count(*) FROM probe p CROSS JOIN LATERAL (SELECT n FROM key_c x WHERE x.id = p.id || '1' OFFSET 0) l;
DROP TABLE key_default, key_c;
