-- One schema for H2 and PostgreSQL: only types and statements both understand.
-- Migrations of the job queue start at V2.

CREATE TABLE accounts (
    id            UUID PRIMARY KEY,
    name          VARCHAR(255) NOT NULL,
    -- quota in "tokens" = seconds of output video; NULL means unlimited
    token_limit   DOUBLE PRECISION,
    tokens_used   DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- kept with each insert (under this row's lock): the list's total without a count over
    -- millions of rows, and the source of each request's seq
    request_count BIGINT NOT NULL DEFAULT 0,
    -- created_at of the account's newest request: the next one is strictly later
    last_request_at TIMESTAMP(6) WITH TIME ZONE,
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
    -- 1, 2, 3, ... per account in creation order (same order as (created_at, id)): a list
    -- page at any offset is an index range, not a scan over the skipped rows
    seq                              BIGINT NOT NULL,
    reference_id                     VARCHAR(255),
    status                           VARCHAR(16) NOT NULL,
    -- microsecond precision, strictly increasing per account (see seq)
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
CREATE UNIQUE INDEX lipsync_requests_account_seq ON lipsync_requests (account_id, seq);
CREATE INDEX lipsync_requests_account_reference ON lipsync_requests (account_id, reference_id, seq);
-- H2 cannot walk an index backwards: the newest request with a reference_id needs its own
CREATE INDEX lipsync_requests_account_reference_newest ON lipsync_requests (account_id, reference_id, seq DESC);
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
