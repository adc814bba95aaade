-- One schema for H2 and PostgreSQL: only types and statements both understand.
-- Migrations of the job queue start at V2.

CREATE TABLE accounts (
    id            UUID PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    -- quota in "tokens" = seconds of output video; NULL means unlimited
    token_limit   DOUBLE PRECISION,
    tokens_used   DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- kept with each insert so the list's total needs no count over millions of rows
    request_count BIGINT NOT NULL DEFAULT 0,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX accounts_name ON accounts (name);

CREATE TABLE api_keys (
    id            UUID PRIMARY KEY,
    account_id    UUID NOT NULL REFERENCES accounts (id),
    name          VARCHAR(255) NOT NULL,
    -- the first characters of the key: finds the row, and tells the operator which key it is
    lookup_prefix VARCHAR(32) NOT NULL,
    -- SHA-256 of the whole key, hex; the key itself is never stored
    key_hash      CHAR(64) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_keys_lookup_prefix ON api_keys (lookup_prefix);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE lipsync_requests (
    id                               UUID PRIMARY KEY,
    account_id                       UUID NOT NULL REFERENCES accounts (id),
    reference_id                     VARCHAR(255),
    status                           VARCHAR(16) NOT NULL,
    -- microsecond precision: the list is ordered by (created_at, id)
    created_at                       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    started_at                       TIMESTAMP(6) WITH TIME ZONE,
    finished_at                      TIMESTAMP(6) WITH TIME ZONE,
    error_message                    VARCHAR(1000),
    model                            VARCHAR(32) NOT NULL,
    -- exactly one of url / object key per medium
    video_url                        VARCHAR(4096),
    audio_url                        VARCHAR(4096),
    video_key                        VARCHAR(512),
    audio_key                        VARCHAR(512),
    disable_active_speaker_detection BOOLEAN NOT NULL,
    output_key                       VARCHAR(512),
    output_seconds                   DOUBLE PRECISION,
    attempts                         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX lipsync_requests_account_created ON lipsync_requests (account_id, created_at, id);
CREATE INDEX lipsync_requests_account_reference ON lipsync_requests (account_id, reference_id, created_at);
CREATE INDEX lipsync_requests_status ON lipsync_requests (status, created_at);

CREATE TABLE idempotency_keys (
    account_id      UUID NOT NULL REFERENCES accounts (id),
    idempotency_key VARCHAR(255) NOT NULL,
    request_id      UUID NOT NULL,
    response_status INTEGER NOT NULL,
    response_body   VARCHAR(4000) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
