create table route_toggle (
    route_id   varchar(100) primary key,
    mode       varchar(16)  not null,
    percent    integer      not null default 0,
    updated_at timestamptz  not null default now(),
    updated_by varchar(200) not null
);

create table toggle_audit (
    id           bigserial primary key,
    route_id     varchar(100) not null,
    group_name   varchar(100) not null,
    actor        varchar(200) not null,
    changed_at   timestamptz  not null default now(),
    from_mode    varchar(16)  not null,
    from_percent integer      not null,
    to_mode      varchar(16)  not null,
    to_percent   integer      not null,
    reason       text         not null
);
create index toggle_audit_route on toggle_audit (route_id, id desc);

create table comparison (
    id              bigserial primary key,
    route_id        varchar(100) not null,
    request_id      varchar(200),
    method          varchar(16)  not null,
    path            text         not null,
    recorded_at     timestamptz  not null default now(),
    verdict         varchar(16)  not null,
    legacy_status   integer,
    core_status     integer,
    legacy_millis   bigint,
    core_millis     bigint,
    differences     text         not null,
    detail          text,
    request_headers text,
    request_body    text,
    legacy_body     text,
    core_body       text
);
create index comparison_route_verdict on comparison (route_id, verdict, id desc);
create index comparison_recorded_at on comparison (recorded_at);
