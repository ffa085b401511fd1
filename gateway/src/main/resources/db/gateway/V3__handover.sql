-- Flips that move a group's writes are handed over between the systems (gateway/README.md, "Flips").

-- Every gateway instance on this database, by its heartbeat: a replica is live while seen_at is recent.
create table gateway_replica (
    id         varchar(100) primary key,
    started_at timestamptz  not null,
    seen_at    timestamptz  not null
);

-- One handover of a group's writes. DRAINING: every live replica holds the group's writes and waits for those in
-- flight; SWITCHED: the toggles changed (in the same transaction); DONE: every live replica runs the new routing and
-- admits writes again; ABORTED: refused, toggles as before. A row still DRAINING or SWITCHED after expires_at counts
-- as ABORTED for everyone (its coordinator died).
create table handover (
    id          bigserial    primary key,
    group_name  varchar(100) not null,
    from_owner  varchar(16)  not null,
    to_owner    varchar(16)  not null,
    state       varchar(16)  not null check (state in ('DRAINING', 'SWITCHED', 'DONE', 'ABORTED')),
    started_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null,
    coordinator varchar(100) not null,
    actor       varchar(200) not null,
    reason      text         not null,
    detail      text
);
-- At most one handover of a group at a time.
create unique index handover_one_active_per_group on handover (group_name) where state in ('DRAINING', 'SWITCHED');
create index handover_by_group on handover (group_name, id desc);

-- A replica's acknowledgement of a stage: DRAINED (its gate is closed and none of its writes of the group is in
-- flight) or SWITCHED (it reloaded the toggles).
create table handover_ack (
    handover_id bigint       not null references handover (id) on delete cascade,
    replica_id  varchar(100) not null,
    state       varchar(16)  not null check (state in ('DRAINED', 'SWITCHED')),
    at          timestamptz  not null default now(),
    primary key (handover_id, replica_id, state)
);
