-- Evidence per route and minute, added up by every gateway replica (upsert-increment).
create table evidence_minute (
    route_id        varchar(100) not null,
    minute          timestamptz  not null,
    matches         bigint not null default 0,
    mismatches      bigint not null default 0,
    lagged          bigint not null default 0,
    errors          bigint not null default 0,
    skipped         bigint not null default 0,
    legacy_requests bigint not null default 0,
    legacy_errors   bigint not null default 0,
    core_requests   bigint not null default 0,
    core_errors     bigint not null default 0,
    primary key (route_id, minute)
);
create index evidence_minute_minute on evidence_minute (minute);

-- Latency histograms per route, minute and side ('legacy' or 'core'): counts per upper bound in milliseconds.
create table evidence_latency (
    route_id   varchar(100) not null,
    minute     timestamptz  not null,
    side       varchar(8)   not null,
    bucket     integer      not null,
    count      bigint       not null default 0,
    primary key (route_id, minute, side, bucket)
);

-- How often each path differed, per route and minute (the most frequent differing paths of a window).
create table evidence_difference (
    route_id varchar(100) not null,
    minute   timestamptz  not null,
    path     varchar(500) not null,
    count    bigint       not null default 0,
    primary key (route_id, minute, path)
);

-- The promotion policy of a route group; a group without a row has the configured default policy.
create table group_policy (
    group_name          varchar(100) primary key,
    window_seconds      bigint           not null,
    min_comparisons     integer          not null,
    max_mismatch_rate   double precision not null,
    max_core_error_rate double precision not null,
    max_latency_ratio   double precision not null,
    auto_rollback       boolean          not null,
    updated_at          timestamptz      not null default now(),
    updated_by          varchar(200)     not null
);

-- Changes of policies and ignore rules, forced promotions and automatic rollbacks.
create table evidence_audit (
    id        bigserial primary key,
    at        timestamptz  not null default now(),
    actor     varchar(200) not null,
    kind      varchar(40)  not null,
    subject   varchar(200) not null,
    forced    boolean      not null default false,
    reason    text,
    detail    text         not null
);
create index evidence_audit_subject on evidence_audit (subject, id desc);

-- Ignore rules per route changed at runtime (beside the configured ones), and paths learned to be noise.
create table route_ignore (
    route_id   varchar(100) not null,
    path       varchar(500) not null,
    source     varchar(16)  not null,
    created_at timestamptz  not null default now(),
    created_by varchar(200) not null,
    primary key (route_id, path)
);
