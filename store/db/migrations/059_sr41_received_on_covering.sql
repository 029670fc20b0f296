-- The nightly SR41 stock finds the SR41 coming of age on the day (received 31, 61, 91 and 181
-- days before it) by their receipt day. Those of one receipt day lie all over the table, which is
-- in key order, so reading their keys from the table cost one page per SR41: on the national
-- store, with the pages not in memory, 16 of the statement's 39 s. With the key in the index the
-- day's SR41 are one contiguous stretch of it (22 s for the statement, bench/README.md).
DROP INDEX sr41_received_on;
CREATE INDEX sr41_received_on ON sr41 (received_on) INCLUDE (sr41_id);
