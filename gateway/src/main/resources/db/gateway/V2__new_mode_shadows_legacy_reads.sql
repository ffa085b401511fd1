-- NEW mode may shadow the legacy for safe reads (GET, HEAD) until switch-off.
-- The flag counts only together with mode NEW: the gateway reads it as "mode = 'NEW' and shadow_reads",
-- so a row an older instance moves to another mode during a rolling deploy never becomes invalid.
alter table route_toggle add column shadow_reads boolean not null default false;

alter table toggle_audit add column from_shadow_reads boolean not null default false;
alter table toggle_audit add column to_shadow_reads boolean not null default false;

-- Which system answered the client; the other one was shadowed. Every earlier comparison was of a legacy answer.
alter table comparison add column primary_backend varchar(16) not null default 'LEGACY';
