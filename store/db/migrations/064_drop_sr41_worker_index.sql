-- No statement finds an SR41 by its worker any more: the refreshes of the worker counts take the
-- stored rows back to the day before their first day and bring them forward from the facts dated
-- from it on (store/rollup/waitingWorkersSql.ts, paidWorkersSql.ts), and a full refresh joins the
-- tables whole. The index on random pseudonyms cost most of inserting a night's new SR41 (one
-- random leaf page each): 4.25 s of the 4.73 s for the 29,108 SR41 of 2021-07-30 nationally.
DROP INDEX sr41_worker;
