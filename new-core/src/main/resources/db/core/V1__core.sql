-- The new core's schema: one set of tables per module, prefixed with the module's name. A
-- module writes only its own tables; "*_project", "*_member", "*_phase", "*_ticket", "*_user"
-- tables are that module's read models of other modules' aggregates, fed by domain events and
-- guarded by the aggregate version they carry. No foreign keys between modules: legacy changes
-- arrive in any order across tables.

CREATE TABLE users_user (
    id            UUID         NOT NULL PRIMARY KEY,
    name          VARCHAR(100) NOT NULL,
    email         VARCHAR(255) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    version       BIGINT       NOT NULL
);
CREATE UNIQUE INDEX users_email_ux ON users_user (LOWER(email));

CREATE TABLE projects_project (
    id          UUID          NOT NULL PRIMARY KEY,
    name        VARCHAR(100)  NOT NULL,
    description VARCHAR(1000),
    created_at  TIMESTAMP     NOT NULL,
    version     BIGINT        NOT NULL
);
CREATE TABLE projects_member (
    membership_id UUID        NOT NULL PRIMARY KEY,
    project_id    UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    role          VARCHAR(10) NOT NULL,
    accepted      BOOLEAN     NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX projects_member_user_ix ON projects_member (user_id);

CREATE TABLE memberships_membership (
    id         UUID        NOT NULL PRIMARY KEY,
    project_id UUID        NOT NULL,
    user_id    UUID        NOT NULL,
    role       VARCHAR(10) NOT NULL,
    status     VARCHAR(10) NOT NULL,
    created_at TIMESTAMP   NOT NULL,
    version    BIGINT      NOT NULL
);
CREATE INDEX memberships_project_ix ON memberships_membership (project_id);
CREATE INDEX memberships_user_ix ON memberships_membership (user_id);
CREATE TABLE memberships_project (
    id      UUID   NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TABLE memberships_user (
    id      UUID   NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);

CREATE TABLE phases_phase (
    id         UUID         NOT NULL PRIMARY KEY,
    project_id UUID         NOT NULL,
    name       VARCHAR(100) NOT NULL,
    position   INTEGER      NOT NULL,
    created_at TIMESTAMP    NOT NULL,
    version    BIGINT       NOT NULL
);
CREATE INDEX phases_project_ix ON phases_phase (project_id);
CREATE TABLE phases_project (
    id      UUID   NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TABLE phases_member (
    membership_id UUID        NOT NULL PRIMARY KEY,
    project_id    UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    role          VARCHAR(10) NOT NULL,
    accepted      BOOLEAN     NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX phases_member_project_ix ON phases_member (project_id);
CREATE TABLE phases_ticket (
    ticket_id UUID   NOT NULL PRIMARY KEY,
    phase_id  UUID,
    version   BIGINT NOT NULL
);
CREATE INDEX phases_ticket_phase_ix ON phases_ticket (phase_id);

CREATE TABLE tickets_ticket (
    id          UUID          NOT NULL PRIMARY KEY,
    project_id  UUID          NOT NULL,
    phase_id    UUID,
    title       VARCHAR(200)  NOT NULL,
    description VARCHAR(4000),
    due_time    TIMESTAMP,
    created_at  TIMESTAMP     NOT NULL,
    version     BIGINT        NOT NULL
);
CREATE INDEX tickets_project_ix ON tickets_ticket (project_id);
CREATE TABLE tickets_assignee (
    ticket_id UUID    NOT NULL,
    user_id   UUID    NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX tickets_assignee_user_ix ON tickets_assignee (user_id);
CREATE TABLE tickets_project (
    id      UUID   NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
CREATE TABLE tickets_phase (
    id         UUID    NOT NULL PRIMARY KEY,
    project_id UUID    NOT NULL,
    position   INTEGER NOT NULL,
    version    BIGINT  NOT NULL
);
CREATE INDEX tickets_phase_project_ix ON tickets_phase (project_id);
CREATE TABLE tickets_member (
    membership_id UUID        NOT NULL PRIMARY KEY,
    project_id    UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    role          VARCHAR(10) NOT NULL,
    accepted      BOOLEAN     NOT NULL,
    version       BIGINT      NOT NULL
);
CREATE INDEX tickets_member_project_ix ON tickets_member (project_id, user_id);

-- The newest legacy change applied to each entity, kept even after the entity is deleted,
-- so a redelivered or reordered older change is never applied over a newer one.
CREATE TABLE legacy_source_position (
    entity_type VARCHAR(20) NOT NULL,
    entity_id   UUID        NOT NULL,
    lsn         BIGINT      NOT NULL,
    event_id    UUID        NOT NULL,
    PRIMARY KEY (entity_type, entity_id)
);
