-- Scheduled jobs: watermarks that a job commits together with each batch, and
-- monotonic run counters for the Prometheus textfile (job_runs is pruned, so
-- counting its rows would make a counter go backwards).

CREATE TABLE job_state (
    job           TEXT NOT NULL,
    key           TEXT NOT NULL,
    value         TEXT NOT NULL,   -- JSON
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (job, key)
) WITHOUT ROWID;

CREATE TABLE job_counters (
    job           TEXT NOT NULL,
    status        TEXT NOT NULL,
    runs          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job, status)
) WITHOUT ROWID;

-- db-maintenance prunes import records by age in bounded batches.
CREATE INDEX blocklist_imports_started ON blocklist_imports (started_at);
