-- Autovacuum visits the delivery ledger after a fixed number of changed rows, whatever its size. By default it waits
-- for a fifth of the table: a ledger of 100 million rows would collect 20 million dead versions (read receipts,
-- settlements, confirmations) before a vacuum. Until one runs, every read of an updated row by the ledger's key steps
-- over its dead versions: a journey's reminder, which reads each member's row of the first message, ran at 17,000/s
-- instead of 28,000/s right after the read receipts of a third of a million (pg_stat_statements: the cohort's close
-- touched 3.8 buffers a member instead of 1.6; docs/BENCHMARKS.md §3b). 100,000 dead rows or a million new ones, as
-- a day of receipts and sends brings, start a vacuum.
ALTER TABLE "deliveries" SET (
  autovacuum_vacuum_scale_factor = 0,
  autovacuum_vacuum_threshold = 100000,
  autovacuum_vacuum_insert_scale_factor = 0,
  autovacuum_vacuum_insert_threshold = 1000000
);
