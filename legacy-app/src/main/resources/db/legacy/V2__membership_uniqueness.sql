-- One membership per user and project: the "409 if one exists" rule holds under concurrency too.
CREATE UNIQUE INDEX MBR_PRJ_USR_UX ON MBR_MEMBERSHIP (PRJ_ID, USR_ID);
-- Project ticket lists are read in creation order.
CREATE INDEX TKT_PRJ_CRT_IX ON TKT_TICKET (PRJ_ID, TKT_CRT_TS, TKT_ID);
