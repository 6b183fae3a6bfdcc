-- Autovacuum visits the delivery ledger after a fixed number of changed rows, whatever its size. By default it waits
-- for a fifth of the table: a ledger of 100 million rows would collect 20 million dead versions (read receipts,
-- settlements, confirmations) before a vacuum, and until one runs every read of an updated row by the ledger's key
-- steps over its dead version. A journey's reminder reads each member's row of the first message a day after the
-- read receipts rewrote a third of them (docs/BENCHMARKS.md §3b: with 4 GB of buffers, 16,836 and 16,988/s without
-- a vacuum, 27,893/s after one, the cohort's close touching 3.8 then 1.6 buffers a member). 100,000 dead rows or a
-- million new ones, as a day of receipts and sends brings, start a vacuum.
ALTER TABLE "deliveries" SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 100000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 1000000
);
