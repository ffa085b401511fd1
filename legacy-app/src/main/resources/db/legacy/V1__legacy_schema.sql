-- The legacy ticketing schema, with the habits of its era: upper-case abbreviated names,
-- string ids, soft-delete flags, integer codes, local timestamps, and ticket assignees
-- kept as a delimited text column. Nobody would design this today; legacy-adapter
-- translates it, and the new core never copies it. Deliberately no foreign keys: the
-- application enforces relations, as it did in production.
--
-- Codes: MBR_ROLE_CD 1 = ADMIN, 2 = MEMBER; MBR_STATE_CD 0 = OPEN (invited), 1 = ACCEPTED.
-- Flags: 'N' = live, 'Y' = deleted. TKT_ASSIGNEES: user ids joined with ';', no spaces.

CREATE TABLE USR_USER (
    USR_ID        VARCHAR(36)  NOT NULL PRIMARY KEY,
    USR_NAME      VARCHAR(100) NOT NULL,
    USR_EMAIL     VARCHAR(255) NOT NULL,
    USR_PWD_HASH  VARCHAR(100) NOT NULL,
    USR_CRT_TS    TIMESTAMP    NOT NULL,
    USR_UPD_TS    TIMESTAMP    NOT NULL,
    USR_DEL_FLG   CHAR(1)      NOT NULL DEFAULT 'N'
);
CREATE UNIQUE INDEX USR_EMAIL_UX ON USR_USER (LOWER(USR_EMAIL)) WHERE USR_DEL_FLG = 'N';

CREATE TABLE PRJ_PROJECT (
    PRJ_ID        VARCHAR(36)   NOT NULL PRIMARY KEY,
    PRJ_NAME      VARCHAR(100)  NOT NULL,
    PRJ_DESC      VARCHAR(1000),
    PRJ_CRT_TS    TIMESTAMP     NOT NULL,
    PRJ_UPD_TS    TIMESTAMP     NOT NULL
);

CREATE TABLE MBR_MEMBERSHIP (
    MBR_ID        VARCHAR(36)  NOT NULL PRIMARY KEY,
    PRJ_ID        VARCHAR(36)  NOT NULL,
    USR_ID        VARCHAR(36)  NOT NULL,
    MBR_ROLE_CD   SMALLINT     NOT NULL,
    MBR_STATE_CD  SMALLINT     NOT NULL,
    MBR_CRT_TS    TIMESTAMP    NOT NULL,
    MBR_UPD_TS    TIMESTAMP    NOT NULL
);
CREATE INDEX MBR_PRJ_IX ON MBR_MEMBERSHIP (PRJ_ID);
CREATE INDEX MBR_USR_IX ON MBR_MEMBERSHIP (USR_ID);

CREATE TABLE PHS_PHASE (
    PHS_ID        VARCHAR(36)  NOT NULL PRIMARY KEY,
    PRJ_ID        VARCHAR(36)  NOT NULL,
    PHS_NAME      VARCHAR(100) NOT NULL,
    PHS_POS       INTEGER      NOT NULL,
    PHS_CRT_TS    TIMESTAMP    NOT NULL,
    PHS_UPD_TS    TIMESTAMP    NOT NULL
);
CREATE INDEX PHS_PRJ_IX ON PHS_PHASE (PRJ_ID);

CREATE TABLE TKT_TICKET (
    TKT_ID        VARCHAR(36)   NOT NULL PRIMARY KEY,
    PRJ_ID        VARCHAR(36)   NOT NULL,
    PHS_ID        VARCHAR(36),
    TKT_TITLE     VARCHAR(200)  NOT NULL,
    TKT_DESC      VARCHAR(4000),
    TKT_DUE_TS    TIMESTAMP,
    TKT_ASSIGNEES VARCHAR(4000),
    TKT_CRT_TS    TIMESTAMP     NOT NULL,
    TKT_UPD_TS    TIMESTAMP     NOT NULL,
    TKT_DEL_FLG   CHAR(1)       NOT NULL DEFAULT 'N'
);
CREATE INDEX TKT_PRJ_IX ON TKT_TICKET (PRJ_ID);
CREATE INDEX TKT_PHS_IX ON TKT_TICKET (PHS_ID);
