-- bangui schema, version 1. Times are unix seconds (UTC) unless named *_ms.
-- Never edit this file once released: add V2__..., V3__... instead.

-- The scheduler lock: at most one row per lock name, inserted in an IMMEDIATE
-- transaction; a row whose heartbeat is older than the TTL is stale.
CREATE TABLE scheduler_lock (
    name          TEXT PRIMARY KEY NOT NULL,
    holder_id     TEXT NOT NULL,
    pid           INTEGER NOT NULL,
    hostname      TEXT NOT NULL,
    acquired_at   INTEGER NOT NULL,
    heartbeat_at  INTEGER NOT NULL,
    job           TEXT
);

CREATE TABLE job_runs (
    id            INTEGER PRIMARY KEY,
    job           TEXT NOT NULL,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped-locked', 'interrupted')),
    duration_ms   INTEGER,
    summary       TEXT,            -- JSON
    error         TEXT,
    holder_id     TEXT
);
CREATE INDEX job_runs_job_started ON job_runs (job, started_at);
CREATE INDEX job_runs_started ON job_runs (started_at);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    command       TEXT NOT NULL,
    jail          TEXT,
    targets       TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    outcome       TEXT NOT NULL,                -- ok, partial, refused, failed, dry-run
    changed       INTEGER NOT NULL DEFAULT 0,
    detail        TEXT                          -- JSON
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE blocklist_sources (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL,
    jail          TEXT NOT NULL,
    format        TEXT NOT NULL DEFAULT 'auto',
    interval_s    INTEGER NOT NULL DEFAULT 86400,
    min_interval_s INTEGER NOT NULL DEFAULT 3600,
    max_entries   INTEGER,
    allow_http    INTEGER NOT NULL DEFAULT 0,
    allow_file    INTEGER NOT NULL DEFAULT 0,
    enabled       INTEGER NOT NULL DEFAULT 1,
    origin        TEXT NOT NULL DEFAULT 'cli',  -- cli or config
    etag          TEXT,
    last_modified TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The set a source applied last time, as normalised networks (host = bare IP).
CREATE TABLE blocklist_entries (
    source_id     INTEGER NOT NULL REFERENCES blocklist_sources (id) ON DELETE CASCADE,
    network       TEXT NOT NULL,
    jail          TEXT NOT NULL,
    added_at      INTEGER NOT NULL,
    PRIMARY KEY (source_id, network)
) WITHOUT ROWID;
CREATE INDEX blocklist_entries_network ON blocklist_entries (network, jail);

CREATE TABLE blocklist_imports (
    id            INTEGER PRIMARY KEY,
    source_id     INTEGER REFERENCES blocklist_sources (id) ON DELETE SET NULL,
    source_name   TEXT NOT NULL,
    jail          TEXT,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    status        TEXT NOT NULL,   -- ok, unchanged, failed, aborted, dry-run
    http_status   INTEGER,
    bytes         INTEGER,
    etag          TEXT,
    lines         INTEGER NOT NULL DEFAULT 0,
    valid         INTEGER NOT NULL DEFAULT 0,
    invalid       INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    refused       TEXT NOT NULL DEFAULT '{}',   -- JSON: reason -> count
    aggregated    INTEGER NOT NULL DEFAULT 0,
    added         INTEGER NOT NULL DEFAULT 0,
    removed       INTEGER NOT NULL DEFAULT 0,
    duration_ms   INTEGER,
    error         TEXT,
    invalid_samples TEXT                        -- JSON: [[line_no, text], ...]
);
CREATE INDEX blocklist_imports_source_started ON blocklist_imports (source_name, started_at);

-- fail2ban's ban events, copied incrementally; fail2ban deletes its own rows
-- on unban and after dbpurgeage.
CREATE TABLE ban_history (
    id            INTEGER PRIMARY KEY,
    jail          TEXT NOT NULL,
    ip            TEXT NOT NULL,
    timeofban     INTEGER NOT NULL,
    bantime       INTEGER NOT NULL,
    bancount      INTEGER NOT NULL DEFAULT 1,
    data          TEXT,            -- JSON as fail2ban stored it
    origin        TEXT NOT NULL DEFAULT 'fail2ban',  -- fail2ban, manual, blocklist
    source        TEXT,            -- blocklist source name, or the actor of a manual ban
    f2b_rowid     INTEGER,
    synced_at     INTEGER NOT NULL,
    UNIQUE (jail, ip, timeofban)
);
CREATE INDEX ban_history_timeofban ON ban_history (timeofban);
CREATE INDEX ban_history_ip ON ban_history (ip);
CREATE INDEX ban_history_jail_time ON ban_history (jail, timeofban);

CREATE TABLE sync_state (
    name          TEXT PRIMARY KEY NOT NULL,    -- e.g. 'fail2ban-history'
    db_path       TEXT,
    db_identity   TEXT,            -- device:inode:creation marker of the source file
    last_rowid    INTEGER NOT NULL DEFAULT 0,
    last_timeofban INTEGER NOT NULL DEFAULT 0,
    updated_at    INTEGER NOT NULL
);

CREATE TABLE geo_cache (
    ip            TEXT PRIMARY KEY NOT NULL,
    country_code  TEXT,
    country_name  TEXT,
    city          TEXT,
    asn           INTEGER,
    as_org        TEXT,
    db_build_epoch INTEGER,        -- build epoch of the database that answered
    resolved_at   INTEGER NOT NULL
);
CREATE INDEX geo_cache_resolved ON geo_cache (resolved_at);

-- Time windows per bucket (e.g. 'blocklist:fetch:<source>'), shared by processes.
CREATE TABLE rate_limits (
    bucket        TEXT PRIMARY KEY NOT NULL,
    window_start  INTEGER NOT NULL,
    count         INTEGER NOT NULL DEFAULT 0,
    last_at       INTEGER NOT NULL
);
