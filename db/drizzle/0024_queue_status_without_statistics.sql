-- The entry queue's status keeps no statistics: a run takes its queued entries `order by id`, and statistics that
-- autoanalyze took mid-storm (a backlog: a third of the entries queued, all of them the newest) led the planner to
-- walk the primary key from the oldest entry, past every one already entered (1.7 million rows filtered in a
-- 60,000-follow storm). Without them `status = 'queued'` is estimated rare, as it is but for the length of a
-- burst, and the queue's own partial index (version, id) is the plan.
ALTER TABLE "journey_entries" ALTER COLUMN "status" SET STATISTICS 0;
